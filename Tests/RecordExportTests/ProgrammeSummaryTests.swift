import Foundation
import InterviewEngine
import RecordExport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The programme summary for funders and leads: counts and charts, never a participant code.
@Suite("Programme summary")
struct ProgrammeSummaryTests {
    static let codes = ["BR-014", "KX-77Q", "ZEBRA-9", "QQ-0001"]

    static func records() throws -> [MicroprojectRecord] {
        [
            try Fixture.record(id: "mp-sum001", participant: codes[0]),
            try Fixture.record(id: "mp-sum002", participant: codes[1], status: "active", type: 2, reflection: nil),
            try Fixture.record(
                id: "mp-sum003",
                participant: codes[2],
                status: "escalated",
                type: 4,
                statusReason: "Concern about \(codes[2]) at home",
                escalations: [
                    Fixture.escalation(
                        reason: "\(codes[2]) said something",
                        procedure: nil,
                        consulted: nil,
                        decision: nil
                    )
                ]
            ),
            try Fixture.record(id: "mp-sum004", participant: codes[3], status: "paused", type: nil, reflection: nil),
        ]
    }

    /// Parses `text` as XML; nil when well-formed, else the parser's error.
    static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        let delegate = RootRecorder()
        parser.delegate = delegate
        guard parser.parse() else { return "\(parser.parserError.map { "\($0)" } ?? "unknown error")" }
        return delegate.root == "svg" ? nil : "root element is \(delegate.root ?? "missing"), not svg"
    }

    final class RootRecorder: NSObject, XMLParserDelegate {
        var root: String?
        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            if root == nil { root = elementName }
        }
    }

    @Test("no participant code appears in the Markdown or the SVGs, raw or redacted records alike")
    func noParticipantCodes() throws {
        for disclosure in [Disclosure.everything, .withholding()] {
            let records = try Self.records().map { Disclosed($0, disclosure) }
            let summary = ProgrammeSummary(records: records, since: nil, generatedOn: "2026-11-29")
            for code in Self.codes {
                #expect(!summary.markdown.contains(code), "\(code) in the summary:\n\(summary.markdown)")
                for chart in summary.charts {
                    #expect(!chart.svg.contains(code), "\(code) in \(chart.name)")
                }
            }
            #expect(summary.markdown.contains("from 4 microprojects"), "\(summary.markdown)")
            #expect(summary.markdown.contains("1 not yet typed"), "\(summary.markdown)")
        }
    }

    @Test("the charts are by-type.svg and community-wheel.svg, well-formed SVG documents")
    func chartsAreWellFormed() throws {
        for records in [[], try Self.records()] {
            let summary = ProgrammeSummary(records: withheld(records), since: "2026-01-01", generatedOn: "2026-11-29")
            #expect(summary.charts.map(\.name) == ["by-type.svg", "community-wheel.svg"])
            for chart in summary.charts {
                #expect(
                    Self.xmlError(chart.svg) == nil,
                    "\(chart.name): \(Self.xmlError(chart.svg) ?? "")\n\(chart.svg)"
                )
            }
            #expect(summary.markdown.contains("started on or after 2026-01-01"))
        }
    }

    @Test("the counts by type and status add up")
    func counts() throws {
        let summary = ProgrammeSummary(records: withheld(try Self.records()), since: nil, generatedOn: "2026-11-29")
        #expect(
            summary.markdown.contains("| Type 1: Universal Prevention | 0 | 0 | 0 | 1 | 1 |"),
            "\(summary.markdown)"
        )
        #expect(summary.markdown.contains("| Type 2: Early Concern / Early Help | 1 | 0 | 0 | 0 | 1 |"))
        #expect(summary.markdown.contains("| Type 4: Complex Engagement | 0 | 0 | 1 | 0 | 1 |"))
        #expect(summary.markdown.contains("- 1 concern raised, in 1 microproject(s)."), "\(summary.markdown)")
    }

    @Test("taken up counts only where a connection was offered, so it never exceeds offered; definitions printed")
    func communityWheelNeverMoreTakenUpThanOffered() throws {
        let records = [
            try Fixture.record(id: "mp-cw0001", participant: "A1", offered: "monthly-session", takenUp: "yes"),
            try Fixture.record(id: "mp-cw0002", participant: "A2", offered: "both", takenUp: "no"),
            try Fixture.record(id: "mp-cw0003", participant: "A3", offered: "not-now", takenUp: "yes"),
            try Fixture.record(id: "mp-cw0004", participant: "A4", offered: nil, takenUp: "yes"),
            try Fixture.record(id: "mp-cw0005", participant: "A5", offered: "peer-learning", takenUp: nil),
        ]
        let summary = ProgrammeSummary(records: withheld(records), since: nil, generatedOn: "2026-12-01")
        let text = summary.markdown
        #expect(text.contains("- Connection offered in 3 microproject(s); taken up in 1 of them."), "\(text)")
        #expect(text.contains("- 2 more recorded a connection taken up at closure although the plan recorded no offer"))
        #expect(text.contains("*Offered*: the plan recorded") && text.contains("never more than offered"), "\(text)")
        let svg = try #require(summary.charts.first { $0.name == "community-wheel.svg" }?.svg)
        #expect(svg.contains("Offered in the plan, microprojects: 3"), "\(svg)")
        #expect(svg.contains("Taken up, of those offered, microprojects: 1"), "\(svg)")
    }

    @Test("every chart's title names the date range; types are named; both axes are labelled")
    func chartTitlesAndAxes() throws {
        let summary = ProgrammeSummary(
            records: withheld(try Self.records()),
            since: "2026-10-01",
            generatedOn: "2026-12-01"
        )
        for chart in summary.charts {
            #expect(
                chart.svg.contains("<title>") && chart.svg.contains("1 October 2026 to 1 December 2026"),
                "\(chart.name)"
            )
            #expect(chart.svg.contains(">Microprojects</text>"), "\(chart.name): no y axis label")
            #expect(Self.xmlError(chart.svg) == nil, "\(chart.name)")
        }
        let byType = try #require(summary.charts.first { $0.name == "by-type.svg" }?.svg)
        for name in ["Universal Prevention", "Early Concern / Early Help", "Supported Learning", "Complex Engagement"] {
            #expect(byType.contains(">\(name)</tspan>"), "\(name) not under its bar")
        }
        #expect(byType.contains(">Microproject type</text>"))
        // Without --since the range starts at the earliest start.
        let all = ProgrammeSummary(records: withheld(try Self.records()), since: nil, generatedOn: "2026-12-01")
        #expect(all.charts.allSatisfy { $0.svg.contains("29 November 2026 to 1 December 2026") })
        #expect(all.markdown.contains("(29 November 2026 to 1 December 2026)"))
    }
}
