import InterviewEngine
import TerminalIO

extension CaptureRecord {
    /// A summary for people (it lives with the CLI because people's words pass through `Sanitizer`): the outcome first, then the answers in the order they were given.
    public var markdown: String {
        var out = "# \(script.title): learning capture record\n\n"
        out += "- **Outcome:** \(outcome.title)\(outcome.raisedByConcern ? " (a concern was raised)" : "")\n"
        out += "- **Session:** \(sessionID)\n"
        out += "- **Started:** \(startedAt)\n- **Ended:** \(endedAt)\n"
        out += "- **Script:** \(script.id) version \(script.version) (content \(script.contentHash.prefix(12)))\n"
        for (key, value) in context.sorted(by: { $0.key < $1.key }) {
            out += "- **\(key.prefix(1).uppercased() + key.dropFirst()):** \(Self.inline(value))\n"
        }
        if !concerns.isEmpty {
            out += "\n## Concerns raised\n\n"
            for c in concerns { out += "- \(Self.inline(c.text)) (\(c.by), \(c.at))\n" }
        }
        out += "\n## Answers\n\n"
        if answers.isEmpty { out += "No answers were given.\n" }
        for a in answers {
            out += "**\(Self.inline(a.question))**\n\n"
            out += "> \(Self.inline(a.display))\(a.sensitive ? " *(sensitive)*" : "")\n\n"
            out += "<sub>\(a.answeredBy), \(a.answeredAt)</sub>\n\n"
        }
        if !notes.isEmpty {
            out += "## Notes\n\n"
            for n in notes { out += "- \(Self.inline(n.text)) (\(n.by), \(n.at))\n" }
        }
        return out
    }

    /// Keeps people's words on one line and stops them being read as Markdown or HTML.
    public static func inline(_ s: String) -> String {
        var out = ""
        for ch in Sanitizer.visible(s) {
            switch ch {
            case "\n", "\r", "\r\n": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|": out += "\\\(ch)"
            default: out.append(ch)
            }
        }
        return out
    }
}
