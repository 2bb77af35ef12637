import Testing

@testable import InterviewEngine

/// The one vocabulary of everyday words, as every prompt reads it.
@Suite struct VocabularyTests {
    static let needs = [
        Choice(value: "support", label: "Support from a colleague"),
        Choice(value: "supervision", label: "Supervision"),
        Choice(value: "training", label: "Training"),
        Choice(value: "none", label: "None of these"),
    ]

    static func parse(_ typed: String, _ type: QuestionType) -> Parsed {
        Parsed(AnswerParser.parse(typed, for: Question(type: type), at: 0))
    }

    @Test(arguments: ["no", "nope", "nothing", "None", "none.", "0"])
    func noMeansNoneAtASeveralOfQuestion(typed: String) {
        #expect(Self.parse(typed, .severalOf(Array(Self.needs.prefix(3)), min: 0, max: 3)) == .accepted(.choices([])))
        // Where the list has its own "None of these", a word for none is that choice.
        #expect(Self.parse(typed, .severalOf(Self.needs, min: 0, max: 3)) == .accepted(.choices(["none"])))
        #expect(
            Self.parse(typed, .severalOf(Array(Self.needs.prefix(3)), min: 1, max: 3))
                == .problem("Please choose at least 1.")
        )
    }

    @Test(arguments: ["no", "nope", "nothing", "none"])
    func noMeansTheNoneChoiceAtAOneOfQuestion(typed: String) {
        #expect(Self.parse(typed, .oneOf(Self.needs)) == .accepted(.choice("none")))
    }

    @Test func aOneOfWithoutANoneChoiceRefusesNo() {
        let choices = Array(Self.needs.prefix(3))
        #expect(Self.parse("nope", .oneOf(choices)) == .problem(AnswerProblem.notAChoice.words))
    }

    @Test func anUnambiguousPrefixIsTheChoiceEvenWithinAWord() {
        #expect(Self.parse("Supp", .oneOf(Self.needs)) == .accepted(.choice("support")))
        #expect(Self.parse("superv", .oneOf(Self.needs)) == .accepted(.choice("supervision")))
        #expect(Self.parse("Tr", .severalOf(Self.needs, min: 0, max: 3)) == .accepted(.choices(["training"])))
    }

    @Test func whateverTabCompletesIsAccepted() {
        // Tab completes a label from any prefix only that label has; every such prefix is the choice.
        for choice in Self.needs {
            let label = choice.label
            for n in 1...label.count {
                let prefix = String(label.prefix(n))
                let others = Self.needs.filter { $0 != choice && $0.label.lowercased().hasPrefix(prefix.lowercased()) }
                guard others.isEmpty else { continue }
                #expect(Self.parse(prefix, .oneOf(Self.needs)) == .accepted(.choice(choice.value)), "\(prefix)")
            }
        }
    }

    @Test func anAmbiguousPrefixIsRefusedNamingTheCandidates() {
        let refused = Self.parse("Sup", .oneOf(Self.needs))
        #expect(
            refused
                == .problem(
                    "'Sup' could be Support from a colleague or Supervision. Type a little more of the one you mean, "
                        + "or its number."
                )
        )
        #expect(
            Self.parse("training, su", .severalOf(Self.needs, min: 0, max: 3))
                == .problem(
                    AnswerProblem.ambiguous(typed: "su", candidates: ["Support from a colleague", "Supervision"]).words
                )
        )
    }

    @Test func theStartOfAWordStillWinsOverALongerLabel() {
        let choices = [Choice(value: "no", label: "No, nothing needs escalating"), Choice(value: "x", label: "None")]
        #expect(Self.parse("no", .oneOf(choices)) == .accepted(.choice("no")))
    }

    @Test(arguments: [
        ("yes", true), ("Y", true), ("ok", true), ("okay.", true), ("sure", true), ("no", false), ("nope", false),
    ])
    func yesOrNoReadsEverydayWords(typed: String, expected: Bool) {
        #expect(Vocabulary.yesOrNo(typed) == expected)
        #expect(Self.parse(typed, .yesNo) == .accepted(.yesNo(expected)))
    }

    @Test(arguments: ["", "yse", "carry on", "q", "quit", "maybe", "agreed"])
    func anythingElseIsNeitherYesNorNo(typed: String) {
        #expect(Vocabulary.yesOrNo(typed) == nil)
    }

    @Test func okAcknowledges() {
        for word in ["ok", "OK", "okay", "got it", "Understood."] { #expect(Vocabulary.acknowledges(word), "\(word)") }
        for word in ["no", "", "later"] { #expect(!Vocabulary.acknowledges(word), "\(word)") }
    }
}

/// Enter on an optional question, totals, /as and replay: the engine's rules as a front end sees them.
@Suite struct EngineRuleTests {
    static let outcomes = [Outcome(id: "done", title: "Done", message: "Thanks.")]

    static func script(_ nodes: [Node]) -> Script {
        Script(
            id: "s",
            version: "1",
            title: "S",
            outcomes: outcomes,
            concernOutcome: "done",
            concernGuidance: "Follow procedures.",
            nodes: nodes + [Node(id: "end", kind: .stop(outcome: "done"), text: "")]
        )
    }

    static let plain = script([
        Node(id: "a", kind: .question(Question(type: .shortText, required: false)), text: "A?"),
        Node(
            id: "b",
            kind: .question(Question(type: .number(min: 0, max: 10, wholeOnly: true), defaultAnswer: "6")),
            text: "B?"
        ),
        Node(id: "c", kind: .question(Question(type: .shortText)), text: "C?"),
    ])

    @Test func enterOnAnOptionalQuestionSkipsItAndSaysSo() {
        var h = Harness(Self.plain)
        let step = h.machine.answerSubmitted("", by: "pat", at: 1)
        #expect(step.appended.map(\.event) == [.answered(key: "a", value: .skipped)])
        guard case .ask(let next, .skipped(let key)?) = step.action else {
            Issue.record("expected the next question with a skipped notice, got \(step.action)")
            return
        }
        #expect(key == "a")
        #expect(next.key == "b")
        #expect(Notice.skipped(key: key).words == "Skipped: this question is optional, so it is left out.")
    }

    @Test func enterWithADefaultGivesTheDefaultAndOnARequiredQuestionIsRefused() {
        var h = Harness(Self.plain)
        h.answer("x")
        #expect(h.answer("").notice == .saved)
        #expect(h.machine.routeAnswers.last?.value == .number(6))
        #expect(h.answer("").problem == "This one needs an answer before we move on.")
    }

    @Test func aScriptWithNothingToChangeTheCountGivesAnExactTotal() {
        var h = Harness(Self.plain)
        #expect(h.last.prompt?.total == .exactly(3))
        h.answer("x")
        #expect(h.last.prompt?.total == .exactly(3))
        h.back()
        #expect(h.last.prompt?.total == .exactly(3))
    }

    @Test func conditionsAndRepeatsGiveAnAboutTotalFromTheAnswersSoFar() {
        var h = Harness()  // TestScripts.check: a jump, a condition and a repeat of 1 to 3
        // name, worry, level, area 1, "another?", extra: history is asked only for high need.
        #expect(h.last.prompt?.total == .about(6))
        h.answer("mornings")
        h.answer("no")
        #expect(h.last.prompt?.total == .about(6))
        h.answer("High need")
        #expect(h.last.key == "history")
        #expect(h.last.prompt?.total == .about(7))
        h.answer("no")
        h.answer("area one")
        h.answer("yes")
        #expect(h.last.key == "areas.2.area")
        // Eight answered or open so far, then "another?" once more and extra.
        #expect(h.last.prompt?.total == .about(9))
        h.answer("area two")
        h.answer("yes")
        // The third area is the most there can be: no "another?" after it.
        #expect(h.last.prompt?.total == .about(10))
    }

    @Test func answeringForSomeoneElseKeepsWhoTypedItThroughToTheRecord() throws {
        var h = CoRunHarness()
        let step = h.machine.answerSubmitted("Calmer evenings", for: "lead-plus", by: "sam", at: h.tick())
        #expect(step.notice == .savedFor(CoRunScripts.ann, typedBy: CoRunScripts.sam))
        #expect(step.notice?.words == "Saved as Ann Lee's answer, typed by Sam Khan.")
        #expect(step.appended.first?.enteredBy == "sam")
        #expect(step.appended.first?.actor == "ann")
        let answer = try #require(h.machine.routeAnswers.first)
        #expect(answer.by == "ann")
        #expect(answer.enteredBy == "sam")
        #expect(h.machine.recordSoFar(sessionID: "x").answers.first?.enteredBy == "sam")
        let replayed = try InterviewStateMachine(script: CoRunScripts.consult, replaying: h.machine.journal)
        #expect(replayed == h.machine)
        #expect(replayed.routeAnswers.first?.enteredBy == "sam")
    }

    @Test func answeringForARoleNoOneHasSaysWhichRolesThereAre() {
        var h = CoRunHarness()
        let step = h.machine.answerSubmitted("x", for: "boss", by: "sam", at: h.tick())
        #expect(step.appended.isEmpty)
        #expect(step.problem == "No one signed in has the role 'boss'. Roles here: link, lead-plus.")
        #expect(
            h.machine.answerSubmitted("", for: "lead-plus", by: "sam", at: h.tick()).problem
                == "Type the answer after the role, for example: /as lead-plus Feeling more settled."
        )
    }

    @Test func agreedAgreesWithAProposalOfNoWhileYesIsAnAnswerOfItsOwn() {
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Calmer bedtimes")
        h.answer("ok")
        #expect(h.machine.currentPrompt?.key == "ready")
        h.answer("no")  // sam proposes No
        #expect(h.last.notice == .proposed(awaiting: CoRunScripts.ann))
        var other = h
        other.answer("agreed")
        #expect(other.machine.journal.last?.event == .agreed(key: "ready"))
        h.answer("yes")
        #expect(h.machine.journal.last?.event == .proposed(key: "ready", value: .yesNo(true)))
    }

    @Test func aLongWindingSessionReplaysToTheSameMachine() throws {
        var h = Harness()
        // "Hi" is the start of "High need"; Enter is refused at a required question, then keeps earlier answers.
        for text in ["x", "no", "Hi", "", "yes", "a1", "yes", "a2", "no"] { h.answer(text) }
        #expect(h.last.key == "extra")
        h.back()
        h.back()
        for _ in 0..<2 { #expect(h.answer("").notice == .kept) }
        #expect(h.answer("").notice == .skipped(key: "extra"))
        #expect(h.machine.ending?.outcome.id == "suitable")
        let replayed = try InterviewStateMachine(script: TestScripts.check, replaying: h.machine.journal)
        #expect(replayed == h.machine)
        #expect(replayed.currentPrompt == h.machine.currentPrompt)
    }
}
