import InterviewEngine

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
        var out = "# Microproject Practice: programme summary\n\n"
        out += "Generated on \(generatedOn) from \(records.count) microproject\(records.count == 1 ? "" : "s")"
        out += since.map { " started on or after \($0)" } ?? ""
        out += ". No participant codes or sensitive answers appear here.\n\n"

        out += "## Microprojects by type and status\n\n![Microprojects by type](by-type.svg)\n\n"
        out += "| Type | " + statuses.joined(separator: " | ") + " | Total |\n|---|---:|---:|---:|---:|---:|\n"
        var byType: [(String, [Int])] = []
        for t in types {
            let of = records.filter { $0.type?.number == t }
            let counts = statuses.map { s in of.filter { $0.status == s }.count }
            byType.append(("Type \(t)", counts))
            out += "| Type \(t) | " + counts.map(String.init).joined(separator: " | ") + " | \(of.count) |\n"
        }
        let untyped = records.filter { $0.type == nil }.count
        if untyped > 0 { out += "\n\(untyped) not yet typed (still in the focus or suitability steps).\n" }

        out += "\n## Time-limited: planned and actual duration\n\n"
        let closed = records.filter { $0.status == "closed" }
        let timed = closed.compactMap { r -> Int? in
            guard let end = r.plannedEnd else { return nil }
            return Self.days(from: end, to: String(r.updatedAt.prefix(10)))
        }
        if timed.isEmpty {
            out += "No closed microproject with a planned end date yet.\n"
        } else {
            let onTime = timed.filter { $0 <= 0 }.count
            out += "- \(timed.count) closed with a planned end date; \(onTime) closed on or before it"
            out += "; \(timed.count - onTime) after it (by \(timed.filter { $0 > 0 }.max() ?? 0) days at most).\n"
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

        out += "\n## Community Wheel\n\n![Community Wheel uptake](community-wheel.svg)\n\n"
        let offered = records.filter { ($0.communityWheel.offered ?? "not-now") != "not-now" }.count
        let takenUp = records.filter { $0.communityWheel.takenUp == "yes" }.count
        out += "- Connection offered in \(offered) microproject(s); taken up in \(takenUp).\n"

        markdown = out
        charts = [
            (
                "by-type.svg",
                SVGChart.stackedBars(
                    title: "Microprojects by type and status",
                    groups: byType,
                    series: statuses
                )
            ),
            (
                "community-wheel.svg",
                SVGChart.stackedBars(
                    title: "Community Wheel connections",
                    groups: [("Offered", [offered]), ("Taken up", [takenUp])],
                    series: ["microprojects"]
                )
            ),
        ]
    }

    /// Whole days from one YYYY-MM-DD to another (positive when `to` is later).
    static func days(from: String, to: String) -> Int? {
        func ordinal(_ s: String) -> Int? {
            let p = s.split(separator: "-").compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            let (y, m, d) = (p[0] - (p[1] <= 2 ? 1 : 0), p[1], p[2])
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
        }
        guard let a = ordinal(from), let b = ordinal(to) else { return nil }
        return b - a
    }
}

/// Small, dependency-free SVG bar charts a person can open in any browser.
enum SVGChart {
    static let palette = ["#4C78A8", "#F58518", "#E45756", "#54A24B", "#B279A2"]

    static func stackedBars(title: String, groups: [(String, [Int])], series: [String]) -> String {
        let width = 640
        let height = 360
        let left = 60
        let bottom = 60
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
            svg +=
                "<text x=\"\(x + slot / 3)\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(escape(group.0))</text>\n"
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
