import ArgumentParser
import Foundation
import InterviewEngine
import RecordExport

/// `microproject certification PRACTITIONER`: evidence gathered and still to gather.
struct CertificationCommand: MicroprojectSubcommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case md, json }

    static let configuration = CommandConfiguration(
        commandName: "certification",
        abstract: "Show a practitioner's certification evidence: gathered, and still to gather."
    )

    @Argument(help: ArgumentHelp("The practitioner id.", valueName: "practitioner")) var practitioner: PractitionerID
    @Option(help: "What to print: md for people, json for systems.") var format: Format = .md

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let store = try env.readStore()
        let profile = try Practitioners.choose(practitioner.rawValue, store: store)
        let problems = RecordProblems()
        let records = try Exports.records(store: store, ids: [], problems: problems)
            .filter { $0.practitioner.id == profile.id }
        let evidence = CertificationEvidence(
            profile: profile,
            records: records.map { Disclosed($0, .withholding()) },
            today: CivilTime.day(env.now())
        )
        if format == .json {
            var data = try RecordWriter.encoder.encode(evidence)
            data.append(0x0A)
            console.write(String(decoding: data, as: UTF8.self))
        } else {
            console.write(evidence.markdown)
        }
        return problems.report(to: console) ?? ExitStatus.ok
    }
}

/// `microproject summary`: the programme across all records, for funders and leads.
struct SummaryCommand: MicroprojectSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Write a programme summary (Markdown with SVG charts) with no participant codes or sensitive fields."
    )

    @Option(help: ArgumentHelp("Only microprojects started on or after this day.", valueName: "YYYY-MM-DD")) var since:
        CalendarDay?
    @Option(
        help: ArgumentHelp(
            "The folder to write into (default: exports/summary in the data folder).",
            valueName: "folder"
        ),
        completion: .directory
    ) var out: String?
    @Flag(help: "Replace files that already exist.") var force = false

    func run(in env: AppEnvironment, console: Console) throws -> ExitCode {
        let store = try env.readStore()
        let problems = RecordProblems()
        let since = since?.text
        let records = try Exports.records(store: store, ids: [], problems: problems)
            .filter { r in since.map { String(r.startedAt.prefix(10)) >= $0 } ?? true }
            .map { Disclosed($0, .withholding()) }
        let summary = ProgrammeSummary(records: records, since: since, generatedOn: CivilTime.day(env.now()))
        let folder = try ExportFolder(
            out ?? (env.dataHome as NSString).appendingPathComponent("exports/summary"),
            force: force
        )
        console.write(
            "Programme summary written\(problems.leftOutNote)\(problems.summary):\n  "
                + "\(try folder.write("summary.md", Data(summary.markdown.utf8)))\n"
        )
        for chart in summary.charts { console.write("  \(try folder.write(chart.name, Data(chart.svg.utf8)))\n") }
        return problems.report(to: console) ?? ExitStatus.ok
    }
}
