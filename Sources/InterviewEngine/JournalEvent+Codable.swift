/// A flat, explicit encoding: one keyed container per event, the kind first. Synthesized enum coding
/// nests a container per case and asks for all keys, which made rebuilding long sessions slow.
extension JournalEvent {
    enum CodingKeys: String, CodingKey {
        case event, context, roster, key, value, text, reason, to
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .event)
        switch kind {
        case "started":
            self = .started(
                context: try c.decode([String: String].self, forKey: .context),
                roster: try c.decodeIfPresent(Roster.self, forKey: .roster) ?? Roster()
            )
        case "proposed":
            self = .proposed(
                key: try c.decode(String.self, forKey: .key),
                value: try c.decode(AnswerValue.self, forKey: .value)
            )
        case "agreed": self = .agreed(key: try c.decode(String.self, forKey: .key))
        case "handed-over": self = .handedOver(to: try c.decode(String.self, forKey: .to))
        case "concern-acknowledged": self = .concernAcknowledged
        case "answered":
            self = .answered(
                key: try c.decode(String.self, forKey: .key),
                value: try c.decode(AnswerValue.self, forKey: .value)
            )
        case "confirmed": self = .confirmed(key: try c.decode(String.self, forKey: .key))
        case "went-back": self = .wentBack
        case "note": self = .noteAdded(try c.decode(String.self, forKey: .text))
        case "concern": self = .concernRaised(try c.decode(String.self, forKey: .text))
        case "paused": self = .paused(reason: try c.decode(String.self, forKey: .reason))
        case "resumed": self = .resumed
        default:
            throw DecodingError.dataCorruptedError(forKey: .event, in: c, debugDescription: "unknown event '\(kind)'")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .event)
        switch self {
        case .started(let context, let roster):
            try c.encode(context, forKey: .context)
            if !roster.members.isEmpty { try c.encode(roster, forKey: .roster) }
        case .proposed(let key, let value):
            try c.encode(key, forKey: .key)
            try c.encode(value, forKey: .value)
        case .agreed(let key): try c.encode(key, forKey: .key)
        case .handedOver(let to): try c.encode(to, forKey: .to)
        case .answered(let key, let value):
            try c.encode(key, forKey: .key)
            try c.encode(value, forKey: .value)
        case .confirmed(let key): try c.encode(key, forKey: .key)
        case .noteAdded(let text), .concernRaised(let text): try c.encode(text, forKey: .text)
        case .paused(let reason): try c.encode(reason, forKey: .reason)
        case .wentBack, .resumed, .concernAcknowledged: break
        }
    }
}

/// `{"type": "text", "value": "..."}`: the answer's kind, then its value (none for declined and skipped).
extension AnswerValue {
    enum CodingKeys: String, CodingKey {
        case type, value
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "text": self = .text(try c.decode(String.self, forKey: .value))
        case "yes-no": self = .yesNo(try c.decode(Bool.self, forKey: .value))
        case "choice": self = .choice(try c.decode(String.self, forKey: .value))
        case "choices": self = .choices(try c.decode([String].self, forKey: .value))
        case "number": self = .number(try c.decode(Double.self, forKey: .value))
        case "date": self = .date(try c.decode(String.self, forKey: .value))
        case "declined": self = .declined
        case "skipped": self = .skipped
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: c,
                debugDescription: "unknown answer type '\(type)'"
            )
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let s):
            try c.encode("text", forKey: .type)
            try c.encode(s, forKey: .value)
        case .yesNo(let b):
            try c.encode("yes-no", forKey: .type)
            try c.encode(b, forKey: .value)
        case .choice(let s):
            try c.encode("choice", forKey: .type)
            try c.encode(s, forKey: .value)
        case .choices(let l):
            try c.encode("choices", forKey: .type)
            try c.encode(l, forKey: .value)
        case .number(let n):
            try c.encode("number", forKey: .type)
            try c.encode(n, forKey: .value)
        case .date(let d):
            try c.encode("date", forKey: .type)
            try c.encode(d, forKey: .value)
        case .declined: try c.encode("declined", forKey: .type)
        case .skipped: try c.encode("skipped", forKey: .type)
        }
    }
}
