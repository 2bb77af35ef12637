import InterviewEngine

/// A small script that exercises every engine feature: a message, branching, a skipped node, a repeat
/// of 1 to 3, a choice, an optional question, piping and three outcomes.
enum TestScripts {
    static let outcomes = [
        Outcome(id: "suitable", title: "Suitable", message: "Good fit."),
        Outcome(id: "not-suitable", title: "Not suitable", message: "Not now."),
        Outcome(id: "escalate", title: "Escalate", message: "Stopping here.", guidance: "Follow procedures."),
    ]

    static var check: Script {
        Script(
            id: "check",
            version: "1",
            title: "Check",
            intro: "Welcome.",
            outcomes: outcomes,
            concernOutcome: "escalate",
            concernGuidance: "Follow safeguarding procedures now.",
            nodes: [
                Node(id: "name", kind: .question(Question(type: .shortText)), text: "Focus?"),
                Node(
                    id: "worry",
                    kind: .question(Question(type: .yesNo)),
                    text: "Worried about {name}?",
                    sensitive: true,
                    jumps: [Jump(condition: .answer("worry"), target: "stop-escalate")]
                ),
                Node(id: "hello", kind: .message, text: "Thanks for answering about {name}."),
                Node(
                    id: "level",
                    kind: .question(
                        Question(
                            type: .oneOf([
                                Choice(value: "low", label: "Low need"), Choice(value: "high", label: "High need"),
                            ])
                        )
                    ),
                    text: "Level?"
                ),
                Node(
                    id: "history",
                    kind: .question(Question(type: .yesNo, preferNotToSay: true)),
                    condition: .compare(.equal, .answer("level"), .literal(.string("high"))),
                    text: "Prior support?"
                ),
                Node(
                    id: "areas",
                    kind: .group(
                        Repeat(
                            min: 1,
                            max: 3,
                            itemName: "focus area",
                            anotherPrompt: "Add another focus area?",
                            nodes: [
                                Node(id: "area", kind: .question(Question(type: .shortText)), text: "Focus area {#}?")
                            ]
                        )
                    ),
                    text: ""
                ),
                Node(id: "extra", kind: .question(Question(type: .longText, required: false)), text: "Anything else?"),
                Node(id: "done", kind: .stop(outcome: "suitable"), text: "All done."),
                Node(id: "stop-escalate", kind: .stop(outcome: "escalate"), text: "Thank you for saying."),
            ]
        )
    }
}

extension Action {
    var prompt: Prompt? {
        switch self {
        case .ask(let p, _), .reask(let p, _), .acknowledge(_, let p), .pause(let p): p
        case .finish, .acknowledgeConcern: nil
        }
    }

    var key: String? { prompt?.key }

    var ending: Ending? {
        if case .finish(let e, _) = self { return e }
        return nil
    }

    var problem: String? {
        if case .reask(_, let problem) = self { return problem.words }
        return nil
    }

    var notice: Notice? {
        switch self {
        case .ask(_, let n), .finish(_, let n): n
        default: nil
        }
    }
}

extension Step {
    var prompt: Prompt? { action.prompt }
    var key: String? { action.key }
    var ending: Ending? { action.ending }
    var problem: String? { action.problem }
    var notice: Notice? { action.notice }
}

/// Drives a machine with a fake clock that ticks one second per event.
struct Harness {
    var machine: InterviewStateMachine
    var clock: Timestamp = 1_764_000_000_000
    var last: Action

    init(_ script: Script = TestScripts.check, context: [String: String] = [:]) {
        let (m, a) = InterviewStateMachine.start(script: script, context: context, by: "pat", at: clock)
        machine = m
        last = a.action
    }

    @discardableResult
    mutating func answer(_ text: String, by actor: String = "pat") -> Action {
        clock += 1000
        last = machine.answerSubmitted(text, by: actor, at: clock).action
        return last
    }

    @discardableResult
    mutating func back() -> Action {
        clock += 1000
        last = machine.wentBack(by: "pat", at: clock).action
        return last
    }
}
