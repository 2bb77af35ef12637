extension MicroprojectMachine {
    /// Why an event cannot happen now. The machine is unchanged when one is thrown; `description` is the sentence
    /// a front end shows.
    public enum InvalidEvent: Error, Equatable, Sendable, CustomStringConvertible {
        /// A journal must start with `created`.
        case noCreatedEventFirst(microproject: String)
        case alreadyCreated(microproject: String)
        /// Nothing more can happen to a closed microproject.
        case closed(microproject: String)
        case stageNotDue(due: Stage, completed: Stage)
        /// The plan (Type 1) or the consult (Types 2 to 4) is where the type starts: not before its entry check.
        case entryRequirementsNotMet(Stage)
        case cannotComplete(MicroprojectStatus, Stage)
        case noTypeAnswer
        case planNeedsType
        case longEndNeedsReason(plannedEnd: String)
        case fewerSessionsNeedReason(MicroprojectType, guideSessions: Int)
        case backupSessionsTypeFourOnly
        case sessionAlreadyLogged(Int)
        case entryCheckBeforeType
        case pauseWhileEscalated
        case resumeWhileEscalated
        case notPaused(MicroprojectStatus)
        case reopenWhileEscalated
        case notReopenable(Stage)
        case notDoneYet(Stage)
        case alreadyDue(Stage)
        case noEndDateToExtend
        case extensionNotLater(than: String)
        case extensionNeedsReason
        case moveToClosureNotDue
        case notThePractitioner(profile: String, microproject: String)

        public var description: String {
            switch self {
            case .noCreatedEventFirst(let id): "microproject \(id) has no 'created' event first"
            case .alreadyCreated(let id): "microproject \(id) was already created"
            case .closed(let id): "microproject \(id) is closed; nothing more can happen to it"
            case .stageNotDue(let due, let completed): "the stage due is \(due.rawValue), not \(completed.rawValue)"
            case .entryRequirementsNotMet(let stage):
                "the \(stage == .plan ? "plan" : "consult") starts only once the entry requirements for the type are met"
            case .cannotComplete(let status, let stage):
                "a \(status.rawValue) microproject cannot complete \(stage.rawValue)"
            case .noTypeAnswer: "the type decision has no type answer"
            case .planNeedsType: "the plan needs the type first"
            case .longEndNeedsReason(let end):
                "a planned end more than six months ahead (\(end)) needs a recorded reason"
            case .fewerSessionsNeedReason(let type, let core):
                "the guide plans \(core) sessions for \(type.title); fewer than \(core) needs a recorded reason"
            case .backupSessionsTypeFourOnly: "backup sessions are for Type 4 only"
            case .sessionAlreadyLogged(let number): "session \(number) is already logged"
            case .entryCheckBeforeType: "entry requirements are checked once the type is chosen"
            case .pauseWhileEscalated:
                "it is already paused after a concern; it carries on only after the escalation review"
            case .resumeWhileEscalated: "an escalated microproject carries on only after the escalation review"
            case .notPaused(let status):
                "only a paused microproject can be resumed (this one is \(status.rawValue))"
            case .reopenWhileEscalated: "a concern is open: record the escalation review first, then reopen a stage"
            case .notReopenable(let stage):
                "\(stage.title.lowercased()) cannot be reopened; the stages that can are "
                    + MicroprojectMachine.revisitable.map(\.rawValue).joined(separator: ", ")
            case .notDoneYet(let stage): "\(stage.title.lowercased()) has not been done yet, so it cannot be reopened"
            case .alreadyDue(let stage): "\(stage.title.lowercased()) is already the stage due"
            case .noEndDateToExtend: "only an open microproject with a planned end date can be extended"
            case .extensionNotLater(let from): "the new end date must be later than \(from) and not in the past"
            case .extensionNeedsReason: "an extension needs its reason"
            case .moveToClosureNotDue:
                "moving on to reflection and closure is for a microproject in its agreement or sessions"
            case .notThePractitioner(let profile, let id):
                "the profile recorded (\(profile)) is not the practitioner of \(id)"
            }
        }
    }
}
