import InterviewEngine
import PracticeRules

/// The programme seen across every record, for funders and leads: no participant code and no sensitive
/// field ever appears in it.
public struct ProgrammeSummary: Sendable {
    public var markdown: String
    /// File name -> SVG text.
    public var charts: [(name: String, svg: String)]

    public init(records disclosed: [Disclosed<MicroprojectRecord>], since: String?, generatedOn: String) {
        let records = disclosed.map(\.record)
        let types = [1, 2, 3, 4]
        let statuses = ["active", "paused", "escalated", "closed"]
        let first = since ?? records.map { String($0.startedAt.prefix(10)) }.min()
        let range = first.map { "\(Words.day($0)) to \(Words.day(generatedOn))" } ?? "no microprojects yet"
        var out = "# Microproject Practice: programme summary\n\n"
        out += "Generated on \(generatedOn) from \(records.count) microproject\(records.count == 1 ? "" : "s")"
        out += since.map { " started on or after \($0)" } ?? ""
        out += " (\(range)). No participant codes or sensitive answers appear here.\n\n"

        out += "## Microprojects by type and status\n\n![Microprojects by type and status](by-type.svg)\n\n"
        out += "| Type | " + statuses.joined(separator: " | ") + " | Total |\n|---|---:|---:|---:|---:|---:|\n"
        var byType: [(String, [Int])] = []
        for t in types {
            let of = records.filter { $0.type?.number == t }
            let counts = statuses.map { s in of.filter { $0.status == s }.count }
            let name = MicroprojectType(rawValue: t)?.title ?? "Type \(t)"
            byType.append((name, counts))
            out += "| \(name) | " + counts.map(String.init).joined(separator: " | ") + " | \(of.count) |\n"
        }
        let untyped = records.filter { $0.type == nil }.count
        if untyped > 0 { out += "\n\(untyped) not yet typed (still in the focus or suitability steps).\n" }

        out += "\n## Time-limited: planned and actual duration\n\n"
        let closed = records.filter { $0.status == "closed" }
        let timed = closed.compactMap { r -> Int? in
            guard let end = r.plannedEnd, let closedOn = r.closedOn else { return nil }
            return Tracker.days(from: end, to: closedOn)
        }
        if timed.isEmpty {
            out += "No closed microproject with a planned end date yet.\n"
        } else {
            let onTime = timed.filter { $0 <= 0 }.count
            out += "- \(timed.count) closed with a planned end date; \(onTime) closed on or before it"
            out += "; \(timed.count - onTime) after it (by \(timed.filter { $0 > 0 }.max() ?? 0) days at most).\n"
            let planned = closed.compactMap(\.plannedDays)
            let actual = closed.compactMap(\.actualDays)
            if !planned.isEmpty && !actual.isEmpty {
                out +=
                    "- Planned \(Self.average(planned)) days on average; took \(Self.average(actual)) days on average "
                out += "(whole days from the start to the planned end, and to the close).\n"
            }
        }
        let open = records.filter { $0.status != "closed" }
        let overdue = open.filter { r in r.plannedEnd.map { $0 < generatedOn } ?? false }.count
        out += "- \(open.count) still open; \(overdue) past their planned end date.\n"
        let lateClosed = timed.filter { $0 > 0 }.count
        let extended = records.filter { !($0.endDateExtensions ?? []).isEmpty }
        out += "- Overruns: \(lateClosed + overdue) (closed after the planned end date, or open past it).\n"
        out +=
            "- Planned end dates extended in \(extended.count) microproject(s), "
            + "\(extended.reduce(0) { $0 + ($1.endDateExtensions?.count ?? 0) }) extension(s) in all, each with its reason.\n"

        out += "\n## Concerns and how they were handled\n\n"
        let escalations = records.flatMap(\.escalations)
        let decided = escalations.filter { $0.decision != nil }
        out +=
            "- \(escalations.count) concern\(escalations.count == 1 ? "" : "s") raised, in \(records.filter { !$0.escalations.isEmpty }.count) microproject(s).\n"
        out +=
            "- \(decided.count) followed up with a recorded review: \(decided.filter { $0.decision == "resume" }.count) carried on, "
            + "\(decided.filter { $0.decision == "close" }.count) closed.\n"
        out += "- \(escalations.count - decided.count) awaiting a recorded review.\n"

        out += "\n## Closures with structured reflection\n\n"
        out +=
            "- \(closed.count) closed; \(closed.filter(\.reflectionComplete).count) with all five reflection items recorded.\n"

        out += "\n## Community Wheel\n\n![Community Wheel connections offered and taken up](community-wheel.svg)\n\n"
        let offeredIn = records.filter(\.communityWheelOffered)
        let offered = offeredIn.count
        let takenUp = offeredIn.filter { $0.communityWheel.takenUp == "yes" }.count
        let unplanned = records.filter { !$0.communityWheelOffered && $0.communityWheel.takenUp == "yes" }.count
        out += "- Connection offered in \(offered) microproject(s); taken up in \(takenUp) of them.\n"
        if unplanned > 0 {
            out += "- \(unplanned) more recorded a connection taken up at closure although the plan recorded no offer; "
            out += "they are not counted above.\n"
        }
        out += "\n*Offered*: the plan recorded a Community Wheel connection offered (monthly sessions, peer "
        out += "learning, or both). *Taken up*: of those, the closure checklist recorded that the participant took "
        out += "one up. Taken up is counted only where a connection was offered, so it is never more than offered.\n"

        markdown = out
        charts = [
            (
                "by-type.svg",
                SVGChart.stackedBars(
                    title: "Microprojects by type and status, \(range)",
                    groups: byType,
                    series: statuses,
                    xAxis: "Microproject type",
                    yAxis: "Microprojects"
                )
            ),
            (
                "community-wheel.svg",
                SVGChart.stackedBars(
                    title: "Community Wheel connections, \(range)",
                    groups: [("Offered in the plan", [offered]), ("Taken up, of those offered", [takenUp])],
                    series: ["microprojects"],
                    xAxis: "Community Wheel connection",
                    yAxis: "Microprojects"
                )
            ),
        ]
    }

    /// The mean, rounded to a whole day.
    static func average(_ values: [Int]) -> Int {
        values.isEmpty ? 0 : Int((Double(values.reduce(0, +)) / Double(values.count)).rounded())
    }
}

extension MicroprojectRecord {
    /// True when the plan recorded a Community Wheel connection offered (not "not offered yet").
    var communityWheelOffered: Bool {
        ["monthly-session", "peer-learning", "both"].contains(communityWheel.offered ?? "")
    }
}

/// Small, dependency-free SVG bar charts a person can open in any browser.
enum SVGChart {
    static let palette = ["#4C78A8", "#F58518", "#E45756", "#54A24B", "#B279A2"]

    /// A stacked bar per group, with a labelled axis each way. A group name "Type 1: Universal Prevention"
    /// is written on two lines under its bar.
    static func stackedBars(
        title: String,
        groups: [(String, [Int])],
        series: [String],
        xAxis: String,
        yAxis: String
    ) -> String {
        let width = 720
        let height = 400
        let left = 70
        let bottom = 100
        let top = 50
        let maxTotal = max(1, groups.map { $0.1.reduce(0, +) }.max() ?? 1)
        let plotHeight = height - top - bottom
        let slot = (width - left - 20) / max(1, groups.count)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
            + "aria-label=\"\(escape(title))\" font-family=\"sans-serif\" font-size=\"13\">\n"
        svg +=
            "<title>\(escape(title))</title>\n<text x=\"\(width / 2)\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">\(escape(title))</text>\n"
        svg +=
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>\n"
        for tick in Set([0, maxTotal / 2, maxTotal]).sorted() {
            let y = height - bottom - tick * plotHeight / maxTotal
            svg += "<line x1=\"\(left - 4)\" y1=\"\(y)\" x2=\"\(left)\" y2=\"\(y)\" stroke=\"#333\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\">\(tick)</text>\n"
        }
        let middle = top + plotHeight / 2
        svg +=
            "<text x=\"18\" y=\"\(middle)\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(middle))\">\(escape(yAxis))</text>\n"
        svg +=
            "<text x=\"\(left + (width - left) / 2)\" y=\"\(height - bottom + 56)\" text-anchor=\"middle\">\(escape(xAxis))</text>\n"
        for (i, group) in groups.enumerated() {
            var y = height - bottom
            let x = left + i * slot + slot / 6
            for (j, count) in group.1.enumerated() where count > 0 {
                let h = count * plotHeight / maxTotal
                y -= h
                svg +=
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(slot * 2 / 3)\" height=\"\(h)\" fill=\"\(palette[j % palette.count])\">"
                    + "<title>\(escape(group.0)), \(escape(series[j % series.count])): \(count)</title></rect>\n"
            }
            let parts = group.0.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces() }
            svg += "<text x=\"\(x + slot / 3)\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">"
            for (k, part) in parts.enumerated() {
                svg += "<tspan x=\"\(x + slot / 3)\" dy=\"\(k == 0 ? 0 : 16)\">\(escape(part))</tspan>"
            }
            svg += "</text>\n"
            svg += "<text x=\"\(x + slot / 3)\" y=\"\(y - 6)\" text-anchor=\"middle\">\(group.1.reduce(0, +))</text>\n"
        }
        if series.count > 1 {
            for (j, name) in series.enumerated() {
                let x = left + j * 120
                svg +=
                    "<rect x=\"\(x)\" y=\"\(height - 24)\" width=\"12\" height=\"12\" fill=\"\(palette[j % palette.count])\"/>"
                    + "<text x=\"\(x + 18)\" y=\"\(height - 14)\">\(escape(name))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
