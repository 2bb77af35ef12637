/// Whether an output may carry sensitive values: answers to questions tagged `sensitive` in a script, anything
/// restating them, the words of a concern, a pause reason in a person's words and the words of an escalation
/// review. Every output (export, `show`, `audit`, summary, certification) takes its records through
/// `Disclosed`, the one redactor.
public struct Disclosure: Sendable, Equatable {
    public var includesSensitive: Bool
    /// What stands in place of a value left out, and says how to see it.
    public var leftOut: String
    /// Said once where several answers are left out.
    public var leftOutAnswers: String

    /// Everything, for the practitioner's own record files and outputs asked for with the flag.
    public static let everything = Disclosure(includesSensitive: true, leftOut: "", leftOutAnswers: "")

    /// Sensitive values left out; `rerun` says how to see them ("export with --include-sensitive").
    public static func withholding(rerun: String = "export with --include-sensitive") -> Disclosure {
        Disclosure(
            includesSensitive: false,
            leftOut: "left out: sensitive; \(rerun) to see it",
            leftOutAnswers: "Some answers are left out: sensitive; \(rerun) to see them."
        )
    }

    /// The disclosure a command's flag asks for.
    public static func from(flag: Bool, rerun: String = "export with --include-sensitive") -> Disclosure {
        flag ? .everything : .withholding(rerun: rerun)
    }

    /// A value as this output may show it.
    public func shown(_ value: String, sensitive: Bool) -> String {
        sensitive && !includesSensitive ? leftOut : value
    }
}

/// Whether a record was disclosed in full. It takes no part in comparing records: two records with the same
/// values are equal however they were disclosed.
public struct DisclosureMark: Sendable, Equatable {
    public var includesSensitive = false
    /// How many sensitive answers redaction left out.
    public var leftOutAnswers = 0
    /// The keys of the answers redaction left out, so a table can say a cell was left out rather than leave it
    /// empty as if the question had not been asked.
    public var leftOutKeys: [String] = []
    public init(includesSensitive: Bool = false) { self.includesSensitive = includesSensitive }
    public static func == (_: DisclosureMark, _: DisclosureMark) -> Bool { true }
}

/// A record that knows which of its values are sensitive and can leave them out.
public protocol Redactable: Sendable {
    /// The record as it may leave the program under `disclosure`. With `.everything` it is marked so that it
    /// encodes in full; otherwise every sensitive value is left out or replaced by `disclosure.leftOut`.
    func disclosed(_ disclosure: Disclosure) -> Self
}

/// A record ready to leave the program: the only thing outputs take, and buildable only by redacting.
public struct Disclosed<Record: Redactable>: Sendable {
    public let record: Record
    public let disclosure: Disclosure
    /// True when something sensitive was left out.
    public let leftSomethingOut: Bool

    public init(_ record: Record, _ disclosure: Disclosure) where Record: Equatable {
        self.record = record.disclosed(disclosure)
        self.disclosure = disclosure
        leftSomethingOut = !disclosure.includesSensitive && self.record != record
    }
}

extension Disclosed: Encodable where Record: Encodable {
    public func encode(to encoder: Encoder) throws { try record.encode(to: encoder) }
}

extension CaptureRecord: Redactable {
    /// Sensitive answers are left out whole (even that one was given can tell something), the words of
    /// concerns and sensitive context values are replaced; notes and who did what and when are kept.
    public func disclosed(_ disclosure: Disclosure) -> CaptureRecord {
        var r = self
        r.disclosure.includesSensitive = disclosure.includesSensitive
        guard !disclosure.includesSensitive else { return r }
        r.answers = answers.filter { !$0.sensitive }
        r.disclosure.leftOutAnswers = answers.count - r.answers.count
        r.disclosure.leftOutKeys = answers.filter(\.sensitive).map(\.key)
        r.concerns = concerns.map { c in
            var c = c
            c.text = disclosure.leftOut
            return c
        }
        for key in sensitiveContext ?? [] where r.context[key] != nil { r.context[key] = disclosure.leftOut }
        r.sensitiveContext = nil
        return r
    }

    public func encode(to encoder: Encoder) throws {
        let r = disclosure.includesSensitive ? self : disclosed(.withholding())
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(r.schemaVersion, forKey: .schemaVersion)
        try c.encode(r.recordType, forKey: .recordType)
        try c.encode(r.sessionID, forKey: .sessionID)
        try c.encode(r.script, forKey: .script)
        try c.encode(r.context, forKey: .context)
        try c.encode(r.outcome, forKey: .outcome)
        try c.encode(r.startedAt, forKey: .startedAt)
        try c.encode(r.endedAt, forKey: .endedAt)
        try c.encode(r.answers, forKey: .answers)
        try c.encode(r.notes, forKey: .notes)
        try c.encode(r.concerns, forKey: .concerns)
        try c.encode(r.practitioners, forKey: .practitioners)
        try c.encodeIfPresent(r.sensitiveContext, forKey: .sensitiveContext)
    }
}
