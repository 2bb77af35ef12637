/// The one vocabulary of everyday words, for every prompt in the program: answers to yes/no questions, a
/// choice of "none", agreeing with a proposal, acknowledging guidance, the carry-on question, skipping. Every
/// reader asks this type what a word means, so a word that works at one prompt works at the next.
public enum Vocabulary {
    /// What an everyday word means, whatever the prompt.
    public enum Meaning: Sendable, Equatable {
        case yes
        case no
        /// "none", "nothing", "0" where a list of choices is asked for.
        case none
        /// "ok", "okay", "got it": the guidance was read.
        case ok
        /// "skip", "pass on this": leave an optional question unanswered.
        case skip
        /// "agreed", "agree": the other practitioner's proposal stands.
        case agreed
        /// "prefer not to say", where a question allows it.
        case declined
    }

    /// The meanings of a word typed alone (case and surrounding space ignored); empty for anything else.
    /// One word can mean several things ("no" is no, and none where nothing is a choice).
    public static func meanings(of typed: String) -> Set<Meaning> {
        let word = normalised(typed)
        var found: Set<Meaning> = []
        for (meaning, words) in table where words.contains(word) { found.insert(meaning) }
        return found
    }

    /// Whether the typed word means `meaning`.
    public static func means(_ typed: String, _ meaning: Meaning) -> Bool { meanings(of: typed).contains(meaning) }

    /// A yes or a no, or nil for anything else (so a typo is asked again, never taken for either).
    public static func yesOrNo(_ typed: String) -> Bool? {
        let found = meanings(of: typed)
        if found.contains(.yes) { return true }
        if found.contains(.no) { return false }
        return nil
    }

    /// True when the typed word acknowledges guidance ("ok", "got it").
    public static func acknowledges(_ typed: String) -> Bool { means(typed, .ok) }

    /// True when the typed word agrees with someone else's proposal ("agreed", "yes").
    public static func agrees(_ typed: String) -> Bool { means(typed, .agreed) }

    /// The words for each meaning, lower case.
    public static let table: [Meaning: Set<String>] = [
        // Not "agreed": at a proposal of "No" it agrees with the No, so it is no yes/no answer.
        .yes: ["y", "yes", "yeah", "yep", "yup", "sure", "true", "ok", "okay"],
        .no: ["n", "no", "nope", "not really", "false"],
        .none: ["none", "nothing", "no", "nope", "n", "0", "none of them", "neither"],
        .ok: ["ok", "okay", "k", "yes", "y", "got it", "done", "read", "understood", "agreed"],
        .skip: ["skip", "/skip"],
        .agreed: ["agreed", "agree", "yes", "y", "ok", "okay", "fine", "sure"],
        .declined: ["prefer not to say", "rather not say", "pass", "i'd rather not say", "i would rather not say"],
    ]

    /// Lower case, surrounding space trimmed, inner runs of space made one, a full stop or ! at the end dropped.
    static func normalised(_ typed: String) -> String {
        var words = typed.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        while let last = words.last, last == "." || last == "!" { words.removeLast() }
        return words
    }
}
