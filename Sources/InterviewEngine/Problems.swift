/// Why what a person typed could not be taken as an answer. A value, so a front end can word it, colour it or
/// test it; `words` is the one place the engine words it.
public enum AnswerProblem: Sendable, Equatable, CustomStringConvertible {
    /// Enter on a required question.
    case needsAnswer
    /// Enter on an optional question, where a reader does not skip it.
    case emptyOptional
    case notYesOrNo
    /// Nothing on the list starts like that.
    case notAChoice
    /// More than one choice starts like `typed`; `candidates` are their labels.
    case ambiguous(typed: String, candidates: [String])
    /// One item of a several-of answer is not on the list.
    case notAnOption(String)
    case tooFewChoices(min: Int)
    case tooManyChoices(max: Int)
    case notANumber
    case notAWholeNumber
    case belowMinimum(Double)
    case aboveMaximum(Double)
    /// A date that cannot be: "February has 28 days in 2027".
    case impossibleDate(String)
    case notADate
    case outsideScale(min: Int, max: Int)
    /// An author's validation failed: their own message.
    case validation(String)

    public var words: String {
        switch self {
        case .needsAnswer: "This one needs an answer before we move on."
        case .emptyOptional: "Type an answer, or /skip to leave this one out."
        case .notYesOrNo: "Please answer yes or no."
        case .notAChoice: "Please choose one of the options: type its number or its name."
        case .ambiguous(let typed, let candidates):
            "'\(typed)' could be \(Self.list(candidates, or: true)). Type a little more of the one you mean, or its number."
        case .notAnOption(let item):
            "'\(item)' is not one of the options. Type their numbers separated by commas, e.g. 1, 3."
        case .tooFewChoices(let min): "Please choose at least \(min)."
        case .tooManyChoices(let max): "Please choose no more than \(max)."
        case .notANumber: "Please type a number, for example 3."
        case .notAWholeNumber: "Please type a whole number."
        case .belowMinimum(let min): "Please type a number of at least \(AnswerValue.format(min))."
        case .aboveMaximum(let max): "Please type a number no more than \(AnswerValue.format(max))."
        case .impossibleDate(let problem): "Please check the date: \(problem)."
        case .notADate: "Please type the date as year-month-day, for example 2026-12-31, or 'today'."
        case .outsideScale(let min, let max): "Please choose a number from \(min) to \(max)."
        case .validation(let message): message
        }
    }

    public var description: String { words }

    /// "A, B or C".
    static func list(_ items: [String], or: Bool) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items[items.count - 1]
    }
}

/// Why an event was not taken: the question stays open and nothing was recorded.
public enum EventProblem: Sendable, Equatable, CustomStringConvertible {
    /// The answer itself could not be taken.
    case answer(AnswerProblem)
    /// A question addressed to someone else in a co-run session.
    case addressedToSomeoneElse(role: String, holder: Roster.Member)
    /// `/skip` on a required question.
    case cannotSkip(preferNotToSay: Bool)
    /// `/back` on the first question.
    case nothingToGoBackTo
    /// `/handover` or `/as` with one practitioner signed in.
    case onlyOnePractitioner(command: String)
    /// `/handover` to someone not signed in.
    case handOverToWhom(signedIn: [Roster.Member])
    case alreadyHasKeyboard(Roster.Member)
    /// `/as ROLE` with no one signed in in that role.
    case noSuchRole(typed: String, roles: [String])
    /// `/as ROLE` with nothing after it.
    case answerAsNeedsAnswer(role: String)
    /// Something a front end found wrong before the engine saw it (an unknown slash command), in its own words.
    case frontEnd(String)

    public var words: String {
        switch self {
        case .answer(let problem): problem.words
        case .addressedToSomeoneElse(let role, let holder):
            "This question is for the \(Roster.title(role)), \(holder.name). Type /handover to pass the keyboard "
                + "to \(holder.name), or /as \(role) to type their answer for them."
        case .cannotSkip(let preferNotToSay):
            "This question needs an answer, so it can't be skipped."
                + (preferNotToSay ? " If you would rather not answer, type 'prefer not to say'." : "")
        case .nothingToGoBackTo: "This is the first question, so there is nothing to go back to."
        case .onlyOnePractitioner(let command):
            command == "as"
                ? "/as is for co-run consults, where two practitioners are signed in."
                : "Only one practitioner is signed in, so there is no one to hand over to."
        case .handOverToWhom(let signedIn):
            "Hand over to whom? Type /handover followed by a role or an id: "
                + signedIn.map { "\($0.role) (\($0.id))" }.joined(separator: ", ") + "."
        case .alreadyHasKeyboard(let member): "The keyboard is already with \(member.name)."
        case .noSuchRole(let typed, let roles):
            "No one signed in has the role '\(typed)'. Roles here: " + roles.joined(separator: ", ") + "."
        case .answerAsNeedsAnswer(let role):
            "Type the answer after the role, for example: /as \(role) Feeling more settled."
        case .frontEnd(let words): words
        }
    }

    public var description: String { words }
}

/// What an accepted event did, for the front end to confirm in a word before it goes on.
public enum Notice: Sendable, Equatable, CustomStringConvertible {
    /// An answer was saved.
    case saved
    /// An answer typed with `/as` was saved as this person's (`for`), typed by another (`typedBy`).
    case savedFor(Roster.Member, typedBy: Roster.Member?)
    /// An optional question was left out (`/skip`, or Enter with nothing to keep).
    case skipped(key: String)
    /// An earlier answer shown again was kept.
    case kept
    /// A `both` question's answer waits for this practitioner to agree.
    case proposed(awaiting: Roster.Member?)
    /// Both practitioners agreed.
    case agreed
    case noteSaved
    /// The keyboard passed to this practitioner.
    case handedOver(to: Roster.Member)

    public var words: String {
        switch self {
        case .saved: "Saved."
        case .savedFor(let member, let typist):
            "Saved as \(member.name)'s answer\(typist.map { ", typed by \($0.name)" } ?? "")."
        case .skipped: "Skipped: this question is optional, so it is left out."
        case .kept: "Kept."
        case .proposed(let awaiting): "Noted. Now for \(awaiting?.name ?? "the other practitioner") to agree."
        case .agreed: "Agreed by both."
        case .noteSaved: "Note saved."
        case .handedOver(let member): "\(member.name) now has the keyboard."
        }
    }

    public var description: String { words }
}

/// An event that cannot happen in the state the interview is in: a bug in the caller (live) or a journal that
/// does not fit (replay). Names both, so the failure says what was asked of what.
public struct ImpossibleEvent: Error, Sendable, Equatable, CustomStringConvertible {
    public var event: String
    public var state: InterviewStatus.Name

    public var description: String { "'\(event)' cannot happen while the interview is \(state.rawValue)" }
}
