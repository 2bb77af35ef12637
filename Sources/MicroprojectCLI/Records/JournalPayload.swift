import Foundation
import InterviewEngine

/// The JSON the store keeps for one journal entry. An answer is saved before every next prompt, and
/// `JSONEncoder` spends more time on one small entry than the engine spends on the answer, so the events a
/// person makes at a prompt are written here directly, byte for byte as `SessionJournal.encoder` writes them
/// (keys sorted, slashes unescaped, numbers as Swift prints them without a trailing ".0"; the tests compare
/// the two). The rest (the first entry with its script, anything unusual) goes through the encoder.
enum JournalPayload {
    static func json(_ entry: JournalEntry, scriptSource: String?) throws -> String {
        if scriptSource == nil, let fast = direct(entry.event, enteredBy: entry.enteredBy) { return fast }
        let payload = SessionJournal.Payload(event: entry.event, scriptSource: scriptSource, enteredBy: entry.enteredBy)
        return String(decoding: try SessionJournal.encoder.encode(payload), as: UTF8.self)
    }

    /// The entry written by hand, or nil for an event this does not write.
    static func direct(_ event: JournalEvent, enteredBy: String?) -> String? {
        var out = JSONText()
        out.open()
        if let enteredBy { out.field("enteredBy", string: enteredBy) }
        out.field("event", string: event.kind)
        switch event {
        case .answered(let key, let value), .proposed(let key, let value):
            out.field("key", string: key)
            out.key("value")
            guard out.answer(value) else { return nil }
        case .confirmed(let key), .agreed(let key):
            out.field("key", string: key)
        case .handedOver(let to):
            out.field("to", string: to)
        case .noteAdded(let text), .concernRaised(let text):
            out.field("text", string: text)
        case .paused(let reason):
            out.field("reason", string: reason)
        case .wentBack, .resumed, .concernAcknowledged:
            break
        case .started:
            return nil  // once per session, with its context and roster: the encoder's job
        }
        out.close()
        return out.text
    }
}

/// A compact JSON object built field by field, in the order given (the caller gives keys sorted).
private struct JSONText {
    private var bytes: [UInt8] = []
    private var first = true

    init() { bytes.reserveCapacity(128) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    mutating func close() { bytes.append(UInt8(ascii: "}")) }

    mutating func key(_ name: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func field(_ name: StaticString, string value: String) {
        key(name)
        string(value)
    }

    /// `{"type":…,"value":…}` as `AnswerValue` encodes itself; false for a number JSON cannot hold.
    mutating func answer(_ value: AnswerValue) -> Bool {
        open()
        switch value {
        case .text(let s):
            field("type", string: "text")
            field("value", string: s)
        case .yesNo(let b):
            field("type", string: "yes-no")
            key("value")
            bytes.append(contentsOf: (b ? "true" : "false").utf8)
        case .choice(let s):
            field("type", string: "choice")
            field("value", string: s)
        case .choices(let list):
            field("type", string: "choices")
            key("value")
            bytes.append(UInt8(ascii: "["))
            for (i, s) in list.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                string(s)
            }
            bytes.append(UInt8(ascii: "]"))
        case .number(let n):
            guard n.isFinite else { return false }
            field("type", string: "number")
            key("value")
            var digits = n.description
            if digits.hasSuffix(".0") { digits.removeLast(2) }
            bytes.append(contentsOf: digits.utf8)
        case .date(let d):
            field("type", string: "date")
            field("value", string: d)
        case .declined:
            field("type", string: "declined")
        case .skipped:
            field("type", string: "skipped")
        }
        close()
        first = false
        return true
    }

    /// A JSON string: quote and backslash escaped, control characters as `\n`, `\t`… or `\u00xx`,
    /// everything else (slashes, non-ASCII) as it is.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JournalPayload {
    /// Reads back an entry as `json` writes it (any key order, any valid JSON spacing): the event and who
    /// typed it. Nil for anything it does not read (the started entry, a payload from elsewhere, damage):
    /// the caller then asks `JSONDecoder`, which says precisely what is wrong. Rebuilding a long session
    /// reads thousands of these, and the decoder's containers cost more than the rebuild itself.
    static func read(_ payload: String) -> (event: JournalEvent, enteredBy: String?)? {
        guard let fields = JSONReader.object(payload) else { return nil }
        var enteredBy: String?
        switch fields.lookup("enteredBy") {
        case .missing, .some(.null): enteredBy = nil
        case .some(.string(let s)): enteredBy = s
        default: return nil
        }
        guard case .string(let kind)? = fields.value("event") else { return nil }
        func string(_ key: String) -> String? {
            if case .string(let s)? = fields.value(key) { return s }
            return nil
        }
        let event: JournalEvent
        switch kind {
        case "answered", "proposed":
            guard let key = string("key"), case .object(let v)? = fields.value("value"), let value = answer(v) else {
                return nil
            }
            event = kind == "answered" ? .answered(key: key, value: value) : .proposed(key: key, value: value)
        case "agreed":
            guard let key = string("key") else { return nil }
            event = .agreed(key: key)
        case "confirmed":
            guard let key = string("key") else { return nil }
            event = .confirmed(key: key)
        case "handed-over":
            guard let to = string("to") else { return nil }
            event = .handedOver(to: to)
        case "note":
            guard let text = string("text") else { return nil }
            event = .noteAdded(text)
        case "concern":
            guard let text = string("text") else { return nil }
            event = .concernRaised(text)
        case "paused":
            guard let reason = string("reason") else { return nil }
            event = .paused(reason: reason)
        case "went-back": event = .wentBack
        case "resumed": event = .resumed
        case "concern-acknowledged": event = .concernAcknowledged
        default: return nil  // "started" (its context and roster) and anything unknown: the decoder's job
        }
        return (event, enteredBy)
    }

    /// The script's text pinned in the first entry, or nil when it has none or cannot be read here.
    static func pinnedScript(_ payload: String) -> String?? {
        guard let fields = JSONReader.object(payload) else { return nil }
        switch fields.lookup("scriptSource") {
        case .missing, .some(.null): return .some(nil)
        case .some(.string(let s)): return .some(s)
        default: return nil
        }
    }

    private static func answer(_ fields: JSONFields) -> AnswerValue? {
        guard case .string(let type)? = fields.value("type") else { return nil }
        let value = fields.value("value")
        switch (type, value) {
        case ("text", .string(let s)?): return .text(s)
        case ("yes-no", .bool(let b)?): return .yesNo(b)
        case ("choice", .string(let s)?): return .choice(s)
        case ("choices", .array(let items)?):
            var list: [String] = []
            list.reserveCapacity(items.count)
            for item in items {
                guard case .string(let s) = item else { return nil }
                list.append(s)
            }
            return .choices(list)
        case ("number", .number(let n)?): return .number(n)
        case ("date", .string(let s)?): return .date(s)
        case ("declined", _): return .declined
        case ("skipped", _): return .skipped
        default: return nil
        }
    }
}

/// A JSON value as `JSONReader` reads it.
private indirect enum JSONValue {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object(JSONFields)
}

/// An object's fields in the order written; a key given twice is not read here (nil from `object`).
private struct JSONFields {
    var pairs: [(key: String, value: JSONValue)] = []

    enum Lookup {
        case missing
        case some(JSONValue)
    }

    func value(_ key: String) -> JSONValue? {
        pairs.first { $0.key == key }?.value
    }

    func lookup(_ key: String) -> Lookup {
        guard let found = pairs.first(where: { $0.key == key }) else { return .missing }
        return .some(found.value)
    }
}

/// A strict reader of RFC 8259 JSON over UTF-8 bytes; nil on anything that is not valid JSON.
private struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func object(_ text: String) -> JSONFields? {
        var text = text
        return text.withUTF8 { buffer in
            var reader = JSONReader(buffer)
            reader.skipSpace()
            guard case .object(let fields)? = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            return reader.at == buffer.count ? fields : nil
        }
    }

    private var next: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while let b = next, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { at += 1 }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard at + n <= bytes.count else { return false }
        for i in 0..<n where bytes[at + i] != word.utf8Start[i] { return false }
        at += n
        return true
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard depth < 32, let b = next else { return nil }
        switch b {
        case UInt8(ascii: "{"):
            at += 1
            var fields = JSONFields()
            skipSpace()
            if next == UInt8(ascii: "}") {
                at += 1
                return .object(fields)
            }
            while true {
                skipSpace()
                guard next == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard next == UInt8(ascii: ":") else { return nil }
                at += 1
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                if fields.pairs.contains(where: { $0.key == key }) { return nil }
                fields.pairs.append((key, v))
                skipSpace()
                if next == UInt8(ascii: ",") {
                    at += 1
                } else if next == UInt8(ascii: "}") {
                    at += 1
                    return .object(fields)
                } else {
                    return nil
                }
            }
        case UInt8(ascii: "["):
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if next == UInt8(ascii: "]") {
                at += 1
                return .array(items)
            }
            while true {
                skipSpace()
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                if next == UInt8(ascii: ",") {
                    at += 1
                } else if next == UInt8(ascii: "]") {
                    at += 1
                    return .array(items)
                } else {
                    return nil
                }
            }
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number().map(JSONValue.number)
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, read as Swift reads the same digits.
    private mutating func number() -> Double? {
        let start = at
        func digits() -> Int {
            let from = at
            while let b = next, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { at += 1 }
            return at - from
        }
        if next == UInt8(ascii: "-") { at += 1 }
        if next == UInt8(ascii: "0") {
            at += 1
        } else if digits() == 0 {
            return nil
        }
        if next == UInt8(ascii: ".") {
            at += 1
            guard digits() > 0 else { return nil }
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            at += 1
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { at += 1 }
            guard digits() > 0 else { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        guard let n = Double(text), n.isFinite else { return nil }
        return n
    }

    /// A string after its opening quote is the next byte; escapes decoded, raw control characters refused.
    private mutating func string() -> String? {
        at += 1
        let start = at
        // The common case: no escapes, one copy.
        while let b = next, b != UInt8(ascii: "\""), b != UInt8(ascii: "\\") {
            guard b >= 0x20 else { return nil }
            at += 1
        }
        guard let stop = next else { return nil }
        if stop == UInt8(ascii: "\"") {
            at += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at - 1]), as: UTF8.self)
        }
        var out = Array(bytes[start..<at])
        while let b = next {
            at += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = next else { return nil }
                at += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let s = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: String(Character(s)).utf8)
                default: return nil
                }
            default:
                guard b >= 0x20 else { return nil }
                out.append(b)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var n: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[at]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            n = n << 4 | UInt32(d)
            at += 1
        }
        return n
    }
}
