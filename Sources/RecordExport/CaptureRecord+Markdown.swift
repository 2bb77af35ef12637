import InterviewEngine
import TextSafety

extension Disclosed where Record == CaptureRecord {
    /// A summary for people (people's words pass through `Sanitizer`): the outcome first, then the answers in
    /// the order they were given. Sensitive answers left out are said to be left out, in words that do not alarm.
    public var markdown: String {
        let r = record
        var out = "# \(r.script.title): learning capture record\n\n"
        out += "- **Outcome:** \(r.outcome.title)\(r.outcome.raisedByConcern ? " (a concern was raised)" : "")\n"
        out += "- **Session:** \(r.sessionID)\n"
        out += "- **Started:** \(Words.time(r.startedAt))\n- **Ended:** \(Words.time(r.endedAt))\n"
        out += "- **Script:** \(r.script.id) version \(r.script.version) (content \(r.script.contentHash.prefix(12)))\n"
        for (key, value) in r.context.sorted(by: { $0.key < $1.key }) {
            out += "- **\(key.prefix(1).uppercased() + key.dropFirst()):** \(CaptureRecord.inline(value))\n"
        }
        if !r.concerns.isEmpty {
            out += "\n## Concerns raised\n\n"
            for c in r.concerns { out += "- \(CaptureRecord.inline(c.text)) (\(c.by), \(Words.time(c.at)))\n" }
        }
        out += "\n## Answers\n\n"
        if r.disclosure.leftOutAnswers > 0 {
            out += "\(disclosure.leftOutAnswers)\n\n"
        } else if r.answers.isEmpty {
            out += "No answers were given.\n"
        }
        for a in r.answers {
            out += "**\(CaptureRecord.inline(a.question))**\n\n"
            out += "> \(Words.answer(a))\(a.sensitive ? " *(sensitive)*" : "")\n\n"
            out += "<sub>\(a.answeredBy), \(Words.time(a.answeredAt))</sub>\n\n"
        }
        if !r.notes.isEmpty {
            out += "## Notes\n\n"
            for n in r.notes { out += "- \(CaptureRecord.inline(n.text)) (\(n.by), \(Words.time(n.at)))\n" }
        }
        return out
    }
}

extension CaptureRecord {
    /// Keeps people's words on one line and stops them being read as Markdown or HTML (`MarkdownText.inline`).
    public static func inline(_ s: String) -> String { MarkdownText.inline(s) }
}
