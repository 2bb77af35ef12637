/// The commands a person can type at any prompt.
enum SlashCommand: Equatable {
    case help
    case back
    case review(showSensitive: Bool)
    case whereAmI
    case note(String)
    case skip
    case concern(String)
    case pause
    case quit
    /// `/handover [ROLE]`: pass the keyboard to the other practitioner.
    case handover(String)
    /// `/as ROLE ANSWER`: type another practitioner's answer for them.
    case answerAs(role: String, answer: String)
    case unknown(String)

    static let names = [
        "/help", "/back", "/review", "/where", "/note", "/skip", "/concern", "/pause", "/quit", "/handover", "/as",
    ]

    /// Reads a line that starts with "/". A line starting with "//" is an answer that begins with "/".
    static func parse(_ line: String) -> SlashCommand? {
        guard line.hasPrefix("/"), !line.hasPrefix("//") else { return nil }
        let body = line.dropFirst()
        let name = body.prefix { !$0.isWhitespace }.lowercased()
        let rest = String(body.dropFirst(name.count)).trimmingWhitespaceCLI()
        switch name {
        case "help", "h", "?": return .help
        case "back", "b": return .back
        case "review": return .review(showSensitive: rest.lowercased() == "all")
        case "where": return .whereAmI
        case "note": return .note(rest)
        case "skip": return .skip
        case "concern": return .concern(rest)
        case "pause": return .pause
        case "quit", "exit": return .quit
        case "handover": return .handover(rest)
        case "as":
            let role = String(rest.prefix { !$0.isWhitespace })
            return .answerAs(role: role, answer: String(rest.dropFirst(role.count)).trimmingWhitespaceCLI())
        default: return .unknown(name)
        }
    }

    static let helpText = """
        What you can type at any question:
          /back          go back to the previous question (your answer is shown so you can keep or change it)
          /review        see the answers so far (/review all also shows sensitive ones)
          /where         where you are in the interview
          /note TEXT     add a note to the record, kept with this question
          /skip          leave out an optional question
          /concern TEXT  raise a safeguarding concern: questions stop and you are shown what to do
          /pause         save and leave; carry on later with 'microproject continue ID'
          /quit          the same as /pause: nothing is lost
        In a consult run by two practitioners:
          /handover      pass the keyboard to the other practitioner (/handover lead: to the Lead)
          /as ROLE TEXT  type the other practitioner's answer for them, e.g. /as lead Feeling calmer
        Keys: Tab completes choices and commands. Ctrl-C clears the line; Ctrl-C on an empty line, or
        Ctrl-D, saves and leaves.
        To type an answer that starts with '/', start it with '//'.
        """
}

extension String {
    func trimmingWhitespaceCLI() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
