/// Suggests a microproject type from the suitability answers: level of concern, prior service contact,
/// motivation and the need for structured support. The practitioner confirms or overrides it.
public enum TypeFinder {
    public struct Suggestion: Codable, Equatable, Sendable {
        public var type: MicroprojectType
        public var reason: String
        /// True when the reason was worked out from an answer tagged sensitive: it restates that answer.
        public var reasonSensitive = false

        init(type: MicroprojectType, reason: String) {
            self.type = type
            self.reason = reason
        }
    }

    /// The answers the suggestion reads.
    public static let inputs = ["need-level", "prior-support", "motivation", "structured-support"]

    /// `facts` are the safety check's answers: `need-level` (general, early, moderate, complex),
    /// `prior-support`, `motivation`, `structured-support` (yes or no). `isSensitive` says which answers
    /// are tagged sensitive: a reason worked out from one of them is sensitive too.
    public static func suggest(
        _ facts: [String: String],
        isSensitive: (String) -> Bool = { _ in false }
    )
        -> Suggestion
    {
        var s = choose(facts)
        s.reasonSensitive = inputs.contains { facts[$0] != nil && isSensitive($0) }
        return s
    }

    static func choose(_ facts: [String: String]) -> Suggestion {
        let level = facts["need-level"] ?? "general"
        let prior = facts["prior-support"] == "yes"
        let motivated = facts["motivation"] != "no"
        let structured = facts["structured-support"] == "yes"
        switch level {
        case "complex" where motivated:
            return Suggestion(
                type: .complexEngagement,
                reason: "There are ongoing difficulties\(prior ? " and earlier support made little difference" : ""), "
                    + "and the participant is motivated for change."
            )
        case "complex":
            return Suggestion(
                type: .supportedLearning,
                reason:
                    "Type 4 is for motivated participants; structured, supported learning is a gentler place to start."
            )
        case "moderate":
            return Suggestion(
                type: prior && motivated ? .complexEngagement : .supportedLearning,
                reason: prior && motivated
                    ? "Earlier support made little difference and the participant is motivated: a closely supported microproject fits."
                    : "There is some difficulty where guided, structured learning would help."
            )
        case "early" where structured:
            return Suggestion(
                type: .supportedLearning,
                reason: "There are early signs of need, and structured sessions would help the participant engage."
            )
        case "early":
            return Suggestion(
                type: .earlyConcern,
                reason: "There are early signs of stress or change: a low-level, specific focus."
            )
        default:
            return Suggestion(
                type: structured ? .earlyConcern : .universalPrevention,
                reason: structured
                    ? "There is no particular concern, but some structured follow-up would help."
                    : "This is general learning with no particular concern right now."
            )
        }
    }
}
