import ArgumentParser
import InterviewEngine
import PracticeRules
import PromptScripts
import RecordExport

/// A value typed on the command line whose shape is checked as it is parsed: a refusal reads "The value 'x' is
/// invalid for '<id>': <what it should be>", and the command never sees a malformed value. Declared as
/// `@Argument(help: ...)` or `@Option(help: ...)` like any other; the initialisers below give each its check and
/// its completions.
protocol CheckedArgument: ExpressibleByArgument {
    init(checking text: String) throws
    /// What Tab offers.
    static var completion: CompletionKind { get }
}

extension CheckedArgument {
    init?(argument: String) { try? self.init(checking: argument) }
    static var defaultCompletionKind: CompletionKind { completion }
}

extension Argument where Value: CheckedArgument {
    init(help: ArgumentHelp) {
        self.init(help: help, completion: Value.completion, transform: Value.init(checking:))
    }
}

extension Argument {
    init<T: CheckedArgument>(wrappedValue: [T], help: ArgumentHelp) where Value == [T] {
        self.init(wrappedValue: wrappedValue, help: help, completion: T.completion, transform: T.init(checking:))
    }
}

extension Option {
    init<T: CheckedArgument>(name: NameSpecification = .long, help: ArgumentHelp) where Value == T? {
        self.init(name: name, help: help, completion: T.completion, transform: T.init(checking:))
    }
}

/// Why a typed value was refused, worded to follow ArgumentParser's "The value 'x' is invalid for '<id>': ".
struct ArgumentShapeError: Error, CustomStringConvertible {
    var description: String
}

/// An id the program made: `prefix`, then six letters or digits (`AppEnvironment.randomSessionID`), given back in
/// small letters.
private func generatedID(_ text: String, prefix: String = "", kind: String, shape: String) throws -> String {
    let id = text.lowercased()
    let tail = id.unicodeScalars.dropFirst(prefix.unicodeScalars.count)
    guard id.hasPrefix(prefix), tail.count == 6,
        tail.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) })
    else {
        throw ArgumentShapeError(description: "a \(kind) id is \(shape). 'microproject list' shows yours.")
    }
    return id
}

/// A microproject's id: mp- and six letters or digits (`mp-r9jgmx`); capitals are read as small letters.
struct MicroprojectID: CheckedArgument, Hashable, CustomStringConvertible, Sendable {
    let rawValue: String
    var description: String { rawValue }

    static let shape = "mp- and six letters or digits, like mp-r9jgmx"

    init(checking text: String) throws {
        rawValue = try generatedID(text, prefix: "mp-", kind: "microproject", shape: Self.shape)
    }

    static var completion: CompletionKind { Completions.microprojectIDs }
}

/// A session run on its own: six letters or digits (`tx45xn`).
struct SessionID: CheckedArgument, Hashable, CustomStringConvertible, Sendable {
    let rawValue: String
    var description: String { rawValue }

    static let shape = "six letters or digits, like tx45xn"

    init(checking text: String) throws {
        rawValue = try generatedID(text, kind: "session", shape: Self.shape)
    }

    static var completion: CompletionKind { Completions.sessionIDs }
}

/// What `continue`, `show` and `audit` take: a microproject's id, or the id of a session run on its own.
enum WorkID: CheckedArgument, Hashable, CustomStringConvertible, Sendable {
    case microproject(MicroprojectID)
    case session(SessionID)

    init(checking text: String) throws {
        if text.lowercased().hasPrefix("mp-") {
            self = .microproject(try MicroprojectID(checking: text))
        } else if let session = try? SessionID(checking: text) {
            self = .session(session)
        } else {
            throw ArgumentShapeError(
                description: "give a microproject id (\(MicroprojectID.shape)) or the id of a session run on its "
                    + "own (\(SessionID.shape)). 'microproject list' shows them."
            )
        }
    }

    var description: String {
        switch self {
        case .microproject(let id): id.rawValue
        case .session(let id): id.rawValue
        }
    }

    static var completion: CompletionKind { Completions.workIDs }
}

/// A practitioner's profile id: 2 to 20 letters, digits or hyphens (`sam-k`); capitals are read as small letters.
struct PractitionerID: CheckedArgument, Hashable, CustomStringConvertible, Sendable {
    let rawValue: String
    var description: String { rawValue }

    init(checking text: String) throws {
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
        guard (2...20).contains(text.count), allowed else {
            throw ArgumentShapeError(
                description: "a practitioner id is 2 to 20 letters, digits or hyphens, like sam-k."
            )
        }
        rawValue = text.lowercased()
    }

    static var completion: CompletionKind { Completions.practitionerIDs }
}

/// A calendar day written YYYY-MM-DD that exists (no 30 February).
struct CalendarDay: CheckedArgument, Comparable, CustomStringConvertible, Sendable {
    let text: String
    var description: String { text }

    init(checking text: String) throws {
        guard CivilTime.isValidDay(text) else {
            if let problem = CivilTime.dayProblem(text) {
                throw ArgumentShapeError(description: "\(problem). Please check the date.")
            }
            throw ArgumentShapeError(description: "a day is written YYYY-MM-DD, like 2027-08-31.")
        }
        self.text = text
    }

    static var completion: CompletionKind { .default }

    static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.text < b.text }
}

/// A stage of a microproject that `continue --revisit` may reopen: one list, the machine's.
struct RevisitStage: CheckedArgument, Sendable {
    let stage: Stage

    static var allValueStrings: [String] { MicroprojectMachine.revisitable.map(\.rawValue) }
    static var completion: CompletionKind { .list(allValueStrings) }

    init(checking text: String) throws {
        let choices = Self.allValueStrings.joined(separator: ", ")
        guard let stage = Stage(rawValue: text.lowercased()) else {
            throw ArgumentShapeError(
                description: "there is no such stage; the stages that can be reopened are \(choices)."
            )
        }
        guard MicroprojectMachine.revisitable.contains(stage) else {
            throw ArgumentShapeError(
                description: "\(stage.rawValue) cannot be reopened; the stages that can are \(choices)."
            )
        }
        self.stage = stage
    }
}

/// `export --status`: the statuses a microproject can have.
enum MicroprojectStatusFilter: String, ExpressibleByArgument, CaseIterable, Sendable {
    case active, paused, escalated, closed
}

/// `--type` of `export` and `run`: the four microproject types, by number.
extension MicroprojectType: ExpressibleByArgument {}
extension LicenceLevel: ExpressibleByArgument {}
extension Pathway: ExpressibleByArgument {}
extension ReadinessItem: ExpressibleByArgument {}
extension ExportWriter.Detail: ExpressibleByArgument {}
extension ScriptGraph.Format: ExpressibleByArgument {}
