/// The learning capture record written when an interview ends. Field names are the published schema
/// (`docs/record.schema.json`); change them only with a new `schemaVersion`.
public struct CaptureRecord: Codable, Equatable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var recordType: String
    public var sessionID: String
    public var script: ScriptReference
    public var context: [String: String]
    public var outcome: OutcomeReference
    public var startedAt: String
    public var endedAt: String
    public var answers: [RecordedAnswer]
    public var notes: [RecordedRemark]
    public var concerns: [RecordedRemark]
    public var practitioners: [RecordedPractitioner]
    /// Context keys whose values restate sensitive answers (the suggested type's reason, for example).
    public var sensitiveContext: [String]?
    /// Set only by `disclosed(_:)` with sensitive fields included; never encoded. A record not marked so
    /// encodes without its sensitive fields, so no output can leak them by forgetting to redact.
    public internal(set) var disclosure = DisclosureMark()

    enum CodingKeys: String, CodingKey {
        case schemaVersion, recordType, sessionID, script, context, outcome, startedAt, endedAt, answers, notes
        case concerns, practitioners, sensitiveContext
    }

    public struct ScriptReference: Codable, Equatable, Sendable {
        public var id: String
        public var version: String
        public var title: String
        public var contentHash: String
    }

    public struct OutcomeReference: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        /// True when a concern raised with `/concern` ended the interview.
        public var raisedByConcern: Bool
    }

    public struct RecordedAnswer: Codable, Equatable, Sendable {
        public var key: String
        public var questionID: String
        public var question: String
        public var type: String
        /// "answered", "declined" (prefer not to say) or "skipped".
        public var status: String
        public var value: RecordValue
        /// The answer as a person reads it (choice labels, Yes/No).
        public var display: String
        public var answeredBy: String
        public var answeredAt: String
        public var sensitive: Bool
        public var repetition: Int?
        /// Whom the question was addressed to; `answeredBy` is who gave the answer.
        public var askedOf: String
        /// For questions both practitioners answer: who agreed with `answeredBy`'s answer.
        public var agreedBy: [String]?
        /// Who typed it, when someone typed another practitioner's answer for them.
        public var enteredBy: String?
    }

    /// The practitioners who ran the interview, with their roles (empty when one person ran it).
    public struct RecordedPractitioner: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var role: String
    }

    public struct RecordedRemark: Codable, Equatable, Sendable {
        public var text: String
        public var by: String
        public var at: String
        public var duringQuestion: String?
    }
}

/// An answer's value as plain JSON: a string, a boolean, a number, a list of strings, or null.
public enum RecordValue: Codable, Equatable, Sendable {
    case string(String)
    case bool(Bool)
    case number(Double)
    case list([String])
    case null

    public init(_ value: AnswerValue) {
        switch value {
        case .text(let s), .choice(let s), .date(let s): self = .string(s)
        case .yesNo(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .choices(let c): self = .list(c)
        case .declined, .skipped: self = .null
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .list(let l): try c.encode(l)
        case .null: try c.encodeNil()
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else {
            self = .list(try c.decode([String].self))
        }
    }
}

extension InterviewStateMachine {
    /// The reserved context key naming, comma separated, the context keys whose values are sensitive.
    public static let sensitiveContextKey = "sensitive-context"

    /// The record of a finished interview; nil while it is still open.
    public func captureRecord(sessionID: String) -> CaptureRecord? {
        guard case .finished = state else { return nil }
        return recordSoFar(sessionID: sessionID)
    }

    /// The record of what was gathered so far; a session still open has the outcome `in-progress`.
    public func recordSoFar(sessionID: String) -> CaptureRecord {
        let outcome: CaptureRecord.OutcomeReference
        if case .finished(_, let ending) = state {
            outcome = .init(id: ending.outcome.id, title: ending.outcome.title, raisedByConcern: ending.byConcern)
        } else {
            outcome = .init(id: "in-progress", title: "Not finished yet", raisedByConcern: false)
        }
        let p = gathered
        let hidden = Set(
            (context[Self.sensitiveContextKey] ?? "").split(separator: ",").map(String.init).filter {
                context[$0] != nil
            }
        )
        func remark(_ r: Remark) -> CaptureRecord.RecordedRemark {
            .init(text: r.text, by: r.by, at: CivilTime.iso8601(r.at), duringQuestion: r.during)
        }
        let answers = routeAnswers.map { a in
            CaptureRecord.RecordedAnswer(
                key: a.key,
                questionID: a.questionID,
                question: a.question,
                type: a.type.name,
                status: a.value == .declined ? "declined" : a.value == .skipped ? "skipped" : "answered",
                value: RecordValue(a.value),
                display: a.display,
                answeredBy: a.by,
                answeredAt: CivilTime.iso8601(a.at),
                sensitive: a.sensitive,
                repetition: a.repetition,
                askedOf: a.role,
                agreedBy: a.agreedBy.isEmpty ? nil : a.agreedBy,
                enteredBy: a.enteredBy
            )
        }
        return CaptureRecord(
            schemaVersion: CaptureRecord.currentSchemaVersion,
            recordType: "learning-capture-record",
            sessionID: sessionID,
            script: .init(id: script.id, version: script.version, title: script.title, contentHash: script.contentHash),
            context: context.filter { $0.key != Self.sensitiveContextKey },
            outcome: outcome,
            startedAt: CivilTime.iso8601(p.startedAt),
            endedAt: CivilTime.iso8601(p.updatedAt),
            answers: answers,
            notes: p.notes.map(remark),
            concerns: p.concerns.map(remark),
            practitioners: roster.members.map { .init(id: $0.id, name: $0.name, role: $0.role) },
            sensitiveContext: hidden.isEmpty ? nil : hidden.sorted()
        )
    }
}
