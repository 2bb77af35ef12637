import Foundation
import Testing

@testable import InterviewEngine

/// A small consult co-run by a Link (sam) and a Lead Plus (ann): a question for the Lead Plus, one for
/// anyone, two both practitioners agree, and a question for the Link.
enum CoRunScripts {
    static let sam = Roster.Member(id: "sam", name: "Sam Khan", role: "link")
    static let ann = Roster.Member(id: "ann", name: "Ann Lee", role: "lead-plus")
    static let pair = Roster([sam, ann])

    static var consult: Script {
        Script(
            id: "consult",
            version: "1",
            title: "Consult",
            intro: "Welcome.",
            outcomes: [
                Outcome(id: "agreed", title: "Agreed", message: "Thank you."),
                Outcome(id: "escalate", title: "Escalate", message: "Stopping here.", guidance: "Follow procedures."),
            ],
            concernOutcome: "escalate",
            concernGuidance: "Follow safeguarding procedures now.",
            nodes: [
                Node(id: "hopes", kind: .question(Question(type: .longText)), text: "Hopes?", role: "lead-plus"),
                Node(id: "well", kind: .question(Question(type: .shortText)), text: "Going well?", role: "any"),
                Node(id: "priority", kind: .question(Question(type: .shortText)), text: "Priority?", role: "both"),
                Node(id: "ready", kind: .question(Question(type: .yesNo)), text: "Ready?", role: "both"),
                Node(id: "link-note", kind: .question(Question(type: .shortText)), text: "Link note?", role: "link"),
                Node(id: "done", kind: .stop(outcome: "agreed"), text: ""),
            ]
        )
    }
}

/// Drives a co-run machine with a clock that ticks a second per event.
struct CoRunHarness {
    var machine: InterviewStateMachine
    var clock: Timestamp = 1_764_000_000_000
    var last: Action

    init(roster: Roster = CoRunScripts.pair) {
        let (m, a) = InterviewStateMachine.start(
            script: CoRunScripts.consult,
            context: ["type": "2"],
            roster: roster,
            by: roster.members.first?.id ?? "pat",
            at: clock
        )
        machine = m
        last = a.action
    }

    mutating func tick() -> Timestamp {
        clock += 1000
        return clock
    }

    /// An answer typed by whoever has the keyboard, or by `actor`.
    @discardableResult
    mutating func answer(_ text: String, by actor: String? = nil, enteredBy: String? = nil) -> Action {
        let t = tick()
        last = machine.answerSubmitted(text, by: actor ?? machine.speaker ?? "pat", at: t, enteredBy: enteredBy).action
        return last
    }

    @discardableResult
    mutating func handOver(to id: String) -> Action {
        let t = tick()
        last = machine.handedOver(to: id, by: machine.speaker ?? "pat", at: t).action
        return last
    }

    @discardableResult
    mutating func concern(_ text: String, by actor: String) -> Action {
        let t = tick()
        last = machine.concernRaised(text, by: actor, at: t).action
        return last
    }

    @discardableResult
    mutating func acknowledge(by actor: String) -> Action {
        let t = tick()
        last = machine.concernAcknowledged(by: actor, at: t).action
        return last
    }

    /// Up to the `both` question: ann answers hers, sam the "any" one (after handing back).
    mutating func reachPriority() {
        handOver(to: "ann")
        answer("Calmer evenings")
        handOver(to: "sam")
        answer("We laugh at dinner")
    }
}

@Suite struct CoRunTests {
    // MARK: Roles

    @Test func aWrongRoleAnswerIsRefusedWithWhatToDoAndNothingJournaled() {
        var h = CoRunHarness()
        #expect(h.machine.speaker == "sam")
        #expect(h.last.prompt?.addressedTo == CoRunScripts.ann)
        let before = h.machine.journal
        h.answer("Calmer evenings")
        #expect(
            h.last.problem
                == "This question is for the Lead Plus, Ann Lee. Type /handover to pass the keyboard to Ann Lee, "
                + "or /as lead-plus to type their answer for them."
        )
        #expect(h.last.key == "hopes", "the same question is asked again")
        #expect(h.machine.journal == before, "a refused answer must not be journaled")
        #expect(h.machine.routeAnswers.isEmpty)
        #expect(h.machine.speaker == "sam", "a refusal does not move the keyboard")
    }

    @Test func anAnswerForTheRoleHolderTypedByTheOtherIsHersWithWhoTyped() {
        var h = CoRunHarness()
        h.answer("Calmer evenings", by: "ann", enteredBy: "sam")
        #expect(h.last.key == "well")
        let given = h.machine.routeAnswers[0]
        #expect(given.by == "ann")
        #expect(given.enteredBy == "sam")
        #expect(given.role == "lead-plus")
        #expect(h.machine.journal.last?.actor == "ann")
        #expect(h.machine.journal.last?.enteredBy == "sam")
        #expect(h.machine.speaker == "sam", "typing for someone does not hand the keyboard over")
    }

    @Test func anyQuestionTakesWhoeverHasTheKeyboard() {
        var h = CoRunHarness()
        h.answer("Calmer evenings", by: "ann")
        h.answer("Walks to school")
        #expect(h.machine.routeAnswers.map(\.by) == ["ann", "sam"])
        #expect(h.machine.routeAnswers[1].role == "any")
    }

    @Test func withoutARosterNoRoleIsChecked() {
        var h = CoRunHarness(roster: Roster())
        h.answer("Calmer evenings", by: "pat")
        #expect(h.last.key == "well")
        #expect(h.machine.routeAnswers.first?.by == "pat")
    }

    @Test func aRosterOfOneChecksOnlyRolesSomeoneHolds() {
        // Type 3: only the Lead signs in; nobody holds the Lead Plus role, so no one is refused.
        var h = CoRunHarness(roster: Roster([Roster.Member(id: "lee", name: "Lee Ward", role: "lead")]))
        #expect(h.machine.roster.isCoRun == false)
        h.answer("Calmer evenings")
        #expect(h.last.key == "well")
        #expect(h.machine.routeAnswers.first?.by == "lee")
    }

    // MARK: Hand-over

    @Test func handingOverChangesTheSpeakerAndIsJournaled() {
        var h = CoRunHarness()
        let action = h.handOver(to: "ann")
        #expect(h.machine.speaker == "ann")
        #expect(action.key == "hopes", "the same question is open after a hand-over")
        #expect(action.prompt?.speaker == CoRunScripts.ann)
        #expect(h.machine.journal.last?.event == .handedOver(to: "ann"))
        #expect(h.machine.journal.last?.actor == "sam")
        h.answer("Calmer evenings")
        #expect(h.machine.routeAnswers.first?.by == "ann")
        #expect(h.machine.routeAnswers.first?.enteredBy == nil)
        h.handOver(to: "sam")
        #expect(h.machine.speaker == "sam")
        #expect(h.machine.journal.filter { $0.event.kind == "handed-over" }.count == 2)
    }

    @Test func aHandOverDoesNotRepeatWhatWasSaidBeforeTheQuestion() {
        var h = CoRunHarness()
        #expect(h.last.prompt?.messages == ["Welcome."])
        let action = h.handOver(to: "ann")
        #expect(action.prompt?.messages == [], "the intro is said again after a hand-over")
        #expect(h.machine.currentPrompt?.messages == [], "the intro is said again after a hand-over")
    }

    @Test func handingOverToWhoeverHasTheKeyboardIsRefusedAndNotJournaled() {
        var h = CoRunHarness()
        let before = h.machine.journal
        #expect(h.handOver(to: "sam").problem == "The keyboard is already with Sam Khan.")
        #expect(h.machine.journal == before)
        #expect(h.machine.speaker == "sam")
    }

    @Test func handingOverToSomeoneNotSignedInIsRefusedAndNotJournaled() {
        var h = CoRunHarness()
        let before = h.machine.journal
        let problem = h.handOver(to: "zed").problem
        #expect(problem != nil)
        #expect(h.machine.journal == before)
        #expect(h.machine.speaker == "sam")
        // Saying "the keyboard is already with zed" would be wrong: zed is not signed in at all.
        #expect(problem?.contains("already with") == false, "misleading refusal: \(problem ?? "")")
    }

    @Test func withOnePersonThereIsNoOneToHandOverTo() {
        var h = CoRunHarness(roster: Roster([Roster.Member(id: "lee", name: "Lee Ward", role: "lead")]))
        #expect(
            h.handOver(to: "lee").problem == "Only one practitioner is signed in, so there is no one to hand over to."
        )
        #expect(h.machine.journal.count == 1)
    }

    // MARK: Both practitioners agree

    @Test func aProposalAgreedByTheOtherIsTheAnswerWithByAndAgreedBy() throws {
        var h = CoRunHarness()
        h.reachPriority()
        #expect(h.last.key == "priority")
        let proposed = h.answer("Calmer bedtimes")
        #expect(proposed.key == "priority", "one practitioner's answer alone does not move on")
        #expect(proposed.prompt?.proposal?.value == .text("Calmer bedtimes"))
        #expect(proposed.prompt?.proposal?.by == "sam")
        #expect(proposed.prompt?.awaitingAgreementFrom == "ann")
        #expect(h.machine.journal.last?.event == .proposed(key: "priority", value: .text("Calmer bedtimes")))
        #expect(!h.machine.routeAnswers.map(\.key).contains("priority"))

        h.answer("")  // ann presses Enter
        #expect(h.last.key == "ready")
        #expect(h.machine.journal.last?.event == .agreed(key: "priority"))
        #expect(h.machine.journal.last?.actor == "ann")
        let given = try #require(h.machine.routeAnswers.last)
        #expect(given.key == "priority")
        #expect(given.value == .text("Calmer bedtimes"))
        #expect(given.by == "sam")
        #expect(given.agreedBy == ["ann"])
        #expect(given.role == "both")
        #expect(h.machine.speaker == "sam", "agreeing does not move the keyboard")
    }

    @Test func aCounterProposalNeedsTheFirstToAgree() throws {
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Less shouting")
        let counter = h.answer("Fewer raised voices")  // ann's own wording
        #expect(counter.key == "priority")
        #expect(counter.prompt?.proposal?.by == "ann")
        #expect(counter.prompt?.proposal?.value == .text("Fewer raised voices"))
        #expect(counter.prompt?.awaitingAgreementFrom == "sam")
        h.answer("yes")  // sam agrees
        #expect(h.last.key == "ready")
        let given = try #require(h.machine.routeAnswers.last)
        #expect(given.value == .text("Fewer raised voices"))
        #expect(given.by == "ann")
        #expect(given.agreedBy == ["sam"])
        #expect(
            h.machine.journal.suffix(3).map(\.actor) == ["sam", "ann", "sam"],
            "proposed by sam, counter-proposed by ann, agreed by sam"
        )
        #expect(h.machine.journal.suffix(3).map(\.event.kind) == ["proposed", "proposed", "agreed"])
    }

    @Test func noOnYesNoBothQuestionIsAProposalNotAnAgreementToAYes() throws {
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Calmer bedtimes")
        h.answer("")
        h.answer("no")  // sam proposes No
        #expect(h.last.prompt?.proposal?.value == .yesNo(false))
        h.answer("yes")  // ann says yes: her own proposal, not agreement with No
        #expect(h.last.key == "ready")
        #expect(h.last.prompt?.proposal?.value == .yesNo(true))
        #expect(h.last.prompt?.awaitingAgreementFrom == "sam")
        h.answer("")  // sam agrees with Yes
        let given = try #require(h.machine.routeAnswers.last)
        #expect(given.value == .yesNo(true))
        #expect(given.by == "ann")
        #expect(given.agreedBy == ["sam"])
    }

    @Test func anInvalidProposalIsReaskedAndNothingJournaled() {
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Calmer bedtimes")
        h.answer("")
        let before = h.machine.journal
        h.answer("maybe")
        #expect(h.last.problem == "Please answer yes or no.")
        #expect(h.machine.journal == before)
        #expect(h.last.prompt?.proposal == nil)
    }

    @Test func agreementByTheProposerIsImpossible() throws {
        // Live: whoever calls, an agreement is always recorded as the other practitioner's.
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Calmer bedtimes", by: "sam")
        h.answer("", by: "sam")
        let given = try #require(h.machine.routeAnswers.last)
        #expect(given.by == "sam")
        #expect(given.agreedBy == ["ann"])
        #expect(!given.agreedBy.contains(given.by))

        // Replay: a journal in which the proposer agrees with themselves is refused.
        var journal = h.machine.journal
        let agreed = try #require(journal.lastIndex { $0.event == .agreed(key: "priority") })
        journal[agreed].actor = "sam"
        #expect(throws: ReplayError.self) {
            try InterviewStateMachine(script: CoRunScripts.consult, replaying: Array(journal.prefix(agreed + 1)))
        }
    }

    @Test func anAgreementWithoutAProposalIsRefusedOnReplay() throws {
        var h = CoRunHarness()
        h.reachPriority()
        var journal = h.machine.journal
        journal.append(
            JournalEntry(seq: journal.count + 1, at: h.tick(), actor: "ann", event: .agreed(key: "priority"))
        )
        #expect(throws: ReplayError.self) {
            try InterviewStateMachine(script: CoRunScripts.consult, replaying: journal)
        }
    }

    @Test func aPendingProposalSurvivesPauseAndResume() throws {
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Calmer bedtimes")
        _ = h.machine.paused(reason: "pause", by: "sam", at: h.tick())
        #expect(h.machine.isPaused)
        let replayed = try InterviewStateMachine(script: CoRunScripts.consult, replaying: h.machine.journal)
        #expect(replayed == h.machine)
        var resumed = replayed
        let action = resumed.resumed(by: "sam", at: h.tick())
        #expect(action.key == "priority")
        #expect(action.prompt?.proposal?.value == .text("Calmer bedtimes"))
        #expect(action.prompt?.awaitingAgreementFrom == "ann")
        _ = resumed.answerSubmitted("", by: "sam", at: h.tick())
        #expect(resumed.routeAnswers.last?.agreedBy == ["ann"])
    }

    @Test func goingBackDropsAPendingProposal() {
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Calmer bedtimes")
        let back = h.machine.wentBack(by: "sam", at: h.tick())
        #expect(back.key == "well")
        #expect(back.prompt?.proposal == nil)
        #expect(h.machine.progress?.proposal == nil)
    }

    @Test func enterKeepsAnAgreedAnswerShownAgainAfterBack() throws {
        // After /back to an agreed both-question, the prompt shows "Earlier answer ... Press Enter to keep it".
        var h = CoRunHarness()
        h.reachPriority()
        h.answer("Calmer bedtimes")
        h.answer("")
        _ = h.machine.wentBack(by: "sam", at: h.tick())
        #expect(h.machine.currentPrompt?.key == "priority")
        #expect(h.machine.currentPrompt?.earlier == .text("Calmer bedtimes"))
        let before = h.machine.journal.count
        h.answer("")
        #expect(h.last.problem == nil, "Enter was refused: \(h.last.problem ?? "")")
        #expect(h.machine.journal.count > before, "Enter on the earlier answer did nothing")
    }

    // MARK: Concerns

    @Test func aConcernNeedsBothAcknowledgementsBeforeTheSessionFinishes() throws {
        var h = CoRunHarness()
        h.handOver(to: "ann")
        let raised = h.concern("Child said they are scared at home", by: "ann")
        guard case .acknowledgeConcern(let ending, let first) = raised else {
            Issue.record("expected acknowledgeConcern, got \(raised)")
            return
        }
        #expect(ending.outcome.id == "escalate")
        #expect(ending.byConcern)
        #expect(ending.guidance == "Follow safeguarding procedures now.")
        #expect(first == "sam")
        #expect(h.machine.ending == nil, "not finished before both acknowledge")
        #expect(h.machine.awaitingAcknowledgement == "sam")
        #expect(h.machine.currentPrompt == nil)
        #expect(h.machine.captureRecord(sessionID: "x") == nil)

        let second = h.acknowledge(by: "sam")
        guard case .acknowledgeConcern(_, let next) = second else {
            Issue.record("expected a second acknowledgeConcern, got \(second)")
            return
        }
        #expect(next == "ann")
        #expect(h.machine.awaitingAcknowledgement == "ann")
        #expect(h.machine.ending == nil)

        let done = h.acknowledge(by: "ann")
        #expect(done.ending == ending)
        #expect(h.machine.ending?.outcome.id == "escalate")
        #expect(h.machine.awaitingAcknowledgement == nil)
        #expect(
            h.machine.journal.suffix(3).map(\.event.kind) == [
                "concern", "concern-acknowledged", "concern-acknowledged",
            ]
        )
        #expect(h.machine.journal.suffix(2).map(\.actor) == ["sam", "ann"])
        let record = try #require(h.machine.captureRecord(sessionID: "x"))
        #expect(record.outcome.raisedByConcern)
        #expect(record.concerns.map(\.by) == ["ann"])
        #expect(record.concerns.first?.duringQuestion == "hopes")
        #expect(record.practitioners.map(\.id) == ["sam", "ann"])
    }

    @Test func anAcknowledgementFromSomeoneNotAskedIsRefusedOnReplay() throws {
        var h = CoRunHarness()
        h.concern("Worried", by: "sam")
        h.acknowledge(by: "sam")
        var journal = h.machine.journal
        journal.append(JournalEntry(seq: journal.count + 1, at: h.tick(), actor: "sam", event: .concernAcknowledged))
        #expect(throws: ReplayError.self) {
            try InterviewStateMachine(script: CoRunScripts.consult, replaying: journal)
        }
    }

    @Test func withOnePersonAConcernFinishesAtOnce() {
        var h = CoRunHarness(roster: Roster([Roster.Member(id: "lee", name: "Lee Ward", role: "lead")]))
        let action = h.concern("Worried", by: "lee")
        #expect(action.ending?.outcome.id == "escalate")
        #expect(h.machine.awaitingAcknowledgement == nil)
    }

    // MARK: Replay

    /// Every co-run event: refusals, hand-overs, an answer typed for the other, a proposal, a counter-proposal,
    /// agreements, a note, a pause with a proposal open, a concern and both acknowledgements.
    static func coRunSession() -> (CoRunHarness, [InterviewStateMachine]) {
        var h = CoRunHarness()
        var snapshots = [h.machine]
        func step(_ body: (inout CoRunHarness) -> Void) {
            body(&h)
            snapshots.append(h.machine)
        }
        step { $0.answer("refused: sam is not the Lead Plus") }
        step { $0.answer("Calmer evenings", by: "ann", enteredBy: "sam") }
        step { $0.handOver(to: "ann") }
        step { $0.answer("Walks to school") }
        step { _ = $0.machine.noteAdded("Said with a smile", by: "ann", at: $0.tick()) }
        step { $0.answer("Less shouting") }
        step { _ = $0.machine.paused(reason: "pause", by: "ann", at: $0.tick()) }
        step { _ = $0.machine.resumed(by: "sam", at: $0.tick()) }
        step { $0.answer("Fewer raised voices") }
        step { $0.answer("") }
        step { $0.handOver(to: "sam") }
        step { $0.answer("yes") }
        step { $0.answer("") }
        step { $0.concern("Something said about home", by: "sam") }
        step { $0.acknowledge(by: "sam") }
        step { $0.acknowledge(by: "ann") }
        return (h, snapshots)
    }

    @Test func replayOfACoRunJournalEqualsTheLiveMachine() throws {
        let (h, snapshots) = Self.coRunSession()
        #expect(h.machine.ending?.outcome.id == "escalate")
        let replayed = try InterviewStateMachine(script: CoRunScripts.consult, replaying: h.machine.journal)
        #expect(replayed == h.machine)
        #expect(replayed.roster == CoRunScripts.pair)
        #expect(replayed.captureRecord(sessionID: "s") == h.machine.captureRecord(sessionID: "s"))
        for snapshot in snapshots {
            let again = try InterviewStateMachine(script: CoRunScripts.consult, replaying: snapshot.journal)
            #expect(again == snapshot)
            #expect(again.speaker == snapshot.speaker)
            #expect(again.currentPrompt == snapshot.currentPrompt)
            #expect(again.awaitingAcknowledgement == snapshot.awaitingAcknowledgement)
        }
    }

    @Test func aCoRunJournalSurvivesJSONAndReplaysTheSame() throws {
        let (h, _) = Self.coRunSession()
        let data = try JSONEncoder().encode(h.machine.journal)
        let decoded = try JSONDecoder().decode([JournalEntry].self, from: data)
        #expect(decoded == h.machine.journal)
        let replayed = try InterviewStateMachine(script: CoRunScripts.consult, replaying: decoded)
        #expect(replayed == h.machine)
    }

    @Test func theRecordSaysWhoAnsweredWhoAgreedAndWhoTyped() throws {
        let (h, _) = Self.coRunSession()
        let record = try #require(h.machine.captureRecord(sessionID: "s"))
        let byKey = Dictionary(uniqueKeysWithValues: record.answers.map { ($0.key, $0) })
        #expect(record.answers.map(\.key) == ["hopes", "well", "priority", "ready"])
        #expect(byKey["hopes"]?.answeredBy == "ann")
        #expect(byKey["hopes"]?.enteredBy == "sam")
        #expect(byKey["hopes"]?.askedOf == "lead-plus")
        #expect(byKey["hopes"]?.agreedBy == nil)
        #expect(byKey["well"]?.answeredBy == "ann")
        #expect(byKey["well"]?.enteredBy == nil)
        #expect(byKey["priority"]?.value == .string("Fewer raised voices"))
        #expect(byKey["priority"]?.answeredBy == "sam", "sam's counter-proposal, after the pause")
        #expect(byKey["priority"]?.agreedBy == ["ann"])
        #expect(byKey["ready"]?.answeredBy == "sam")
        #expect(byKey["ready"]?.agreedBy == ["ann"])
        #expect(record.notes.map(\.by) == ["ann"])
        #expect(record.concerns.map(\.by) == ["sam"])
        #expect(record.practitioners.map(\.role) == ["link", "lead-plus"])
    }
}
