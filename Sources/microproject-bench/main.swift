import Foundation
import InterviewEngine
import PromptScripts
import RecordExport
@_spi(Bench) import SessionStore

// In-process timing of the interview engine: how long one answer takes inside the pure state machine,
// with no terminal, store or clock in the way. Used by Scripts/bench; not shipped.
//
//   microproject-bench [--script PATH [--route PATH]] [--batches N] [--answers N]
//     --route: the answers to that script, one line each, in the order asked (default: the safety-check route)
//   microproject-bench --store FOLDER     (only: the cost of opening that store, with and without its check)
//
// Prints a human line on standard error and one machine-readable line on standard output:
//   engine median_ns=... p90_ns=... min_ns=... batches=... answers=... start_ns=...
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The "suitable" route through Prompts/safety-check.yaml, one entry per question asked.
var route = [
    "How mornings go between a parent and child",  // focus-summary
    "no", "no", "no", "no", "no", "no",  // safety-worry .. investigation
    "2",  // need-level: early (so prior-support is not asked)
    "1, 2",  // circumstances
    "yes",  // voluntary
    "no",  // unsure (so advice is not asked)
    "nothing else",  // anything-else
]

func fail(_ message: String) -> Never {
    var err = StandardError()
    print("microproject-bench: \(message)", to: &err)
    exit(1)
}

func writeToStandardError(_ string: String) {
    var text = string
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { writeToStandardError(string) }
}

var scriptPath = "Prompts/safety-check.yaml"
var sampleRecordPath = "Scripts/bench-support/sample-record.json"
var batches = 20
var answersPerBatch = 1_000
var storeFolder: String?
var routePath: String?
var args = CommandLine.arguments.dropFirst()
while let flag = args.popFirst() {
    guard let value = args.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--script": scriptPath = value
    case "--batches": batches = Int(value) ?? 0
    case "--answers": answersPerBatch = Int(value) ?? 0
    case "--sample-record": sampleRecordPath = value
    case "--store": storeFolder = value
    case "--route": routePath = value
    default: fail("unknown option \(flag)")
    }
}
/// Opening a store as the commands do, in process: for writing with its integrity check (what `run` does
/// before the first question), the same without the check, and for reading. Each open is a new connection,
/// so SQLite's page cache starts cold every time, as in a new process; the file is in the OS cache.
func storeBench(_ folder: String) -> Never {
    let clock = ContinuousClock()
    func median(_ body: () throws -> Void) -> Double {
        var samples: [Double] = []
        for _ in 0..<31 {
            let t0 = clock.now
            do { try body() } catch { fail("opening the store in \(folder) failed: \(error)") }
            samples.append(nanoseconds(clock.now - t0))
        }
        return samples.sorted()[15]
    }
    _ = try? SessionStore(folder: folder, access: .write)  // warm-up: a first open may recover a WAL
    let checked = median { _ = try SessionStore(folder: folder, access: .write, checkIntegrity: true) }
    let unchecked = median { _ = try SessionStore(folder: folder, access: .write, checkIntegrity: false) }
    let read = median { _ = try SessionStore(folder: folder, access: .read) }
    let store: SessionStore
    do { store = try SessionStore(folder: folder, access: .read) } catch { fail("cannot read \(folder): \(error)") }
    let sessions = (try? store.sessions()) ?? []
    let events = sessions.reduce(0) { $0 + ((try? store.events(sessionID: $1.id).count) ?? 0) }
    let bytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/microproject.sqlite")[.size] as? Int) ?? 0
    print(
        "store sessions=\(sessions.count) events=\(events) bytes=\(bytes) open_check_ns=\(Int(checked)) "
            + "open_nocheck_ns=\(Int(unchecked)) read_check_ns=\(Int(read))"
    )
    exit(0)
}

if let storeFolder { storeBench(storeFolder) }
guard batches > 0, answersPerBatch > 0 else { fail("--batches and --answers must be positive whole numbers") }

if let routePath {
    guard let text = try? String(contentsOfFile: routePath, encoding: .utf8) else { fail("cannot read \(routePath)") }
    route = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if route.last == "" { route.removeLast() }
}

let script: Script
do {
    script = try ScriptLoader.load(path: scriptPath).script
} catch {
    fail("cannot load \(scriptPath): \(error)")
}

var clockTime: Timestamp = 1_795_000_000_000

/// Checks once, untimed, that the route is accepted answer by answer and ends at "suitable".
@MainActor func checkRoute() {
    var (machine, first) = InterviewStateMachine.start(script: script, context: [:], by: "practitioner", at: clockTime)
    var action = first.action
    for (i, answer) in route.enumerated() {
        guard case .ask(let prompt, _) = action else {
            fail("before answer \(i + 1) expected a question, got \(action)")
        }
        clockTime += 1
        action = machine.answerSubmitted(answer, by: prompt.role, at: clockTime).action
        if case .reask(let p, let problem) = action {
            fail("answer \(i + 1) '\(answer)' to \(p.key) refused: \(problem)")
        }
    }
    guard case .finish(let ending, _) = action, routePath != nil || ending.outcome.id == "suitable" else {
        fail("the route did not end at 'suitable': \(action)")
    }
}

/// Feeds `count` answers, restarting the interview whenever it finishes; returns interviews finished.
@MainActor @inline(never)
func run(answers count: Int) -> Int {
    var (machine, first) = InterviewStateMachine.start(script: script, context: [:], by: "practitioner", at: clockTime)
    var action = first.action
    var index = 0
    var finished = 0
    for _ in 0..<count {
        clockTime += 1
        action = machine.answerSubmitted(route[index], by: "practitioner", at: clockTime).action
        index += 1
        if case .finish = action {
            finished += 1
            index = 0
            (machine, first) = InterviewStateMachine.start(
                script: script,
                context: [:],
                by: "practitioner",
                at: clockTime
            )
            action = first.action
        } else if case .reask = action {
            fail("an answer was refused while timing")
        }
    }
    return finished
}

func nanoseconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) * 1e9 + Double(c.attoseconds) / 1e9
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    // Nearest rank.
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[max(0, min(sorted.count - 1, rank - 1))]
}

checkRoute()

// Time to start an interview, on its own (it is also inside the batches, once per interview).
let clock = ContinuousClock()
var startSamples: [Double] = []
for _ in 0..<200 {
    let t0 = clock.now
    let started = InterviewStateMachine.start(script: script, context: [:], by: "practitioner", at: clockTime)
    let t1 = clock.now
    if started.0.progress == nil { fail("start did not open a question") }
    startSamples.append(nanoseconds(t1 - t0))
}
startSamples.sort()

_ = run(answers: answersPerBatch)  // warm-up, untimed
var perAnswer: [Double] = []
var interviews = 0
for _ in 0..<batches {
    let t0 = clock.now
    interviews += run(answers: answersPerBatch)
    let t1 = clock.now
    perAnswer.append(nanoseconds(t1 - t0) / Double(answersPerBatch))
}
let expected = batches * (answersPerBatch / route.count)
guard interviews >= expected else { fail("only \(interviews) interviews finished, expected \(expected)") }
perAnswer.sort()

let median = percentile(perAnswer, 50)
let p90 = percentile(perAnswer, 90)
var err = StandardError()
print(
    "engine: \(batches) batches of \(answersPerBatch) answers (\(route.count)-answer route, restarted on finish): "
        + "median \(Int(median)) ns/answer, p90 \(Int(p90)) ns/answer; start \(Int(percentile(startSamples, 50))) ns",
    to: &err
)
print(
    "engine median_ns=\(Int(median.rounded())) p90_ns=\(Int(p90.rounded())) min_ns=\(Int(perAnswer[0].rounded())) "
        + "batches=\(batches) answers=\(answersPerBatch) start_ns=\(Int(percentile(startSamples, 50).rounded()))"
)

// Rebuilding a session from its journal: 5,000 events of answers and /back, replayed in process.
@MainActor func longJournal(events: Int) -> [JournalEntry] {
    var (machine, _) = InterviewStateMachine.start(script: script, context: [:], by: "practitioner", at: clockTime)
    let depth = 10
    while machine.journal.count < events {
        for answer in route.prefix(depth) where machine.journal.count < events {
            clockTime += 1
            _ = machine.answerSubmitted(answer, by: "practitioner", at: clockTime)
        }
        for _ in 0..<depth where machine.journal.count < events {
            clockTime += 1
            _ = machine.wentBack(by: "practitioner", at: clockTime)
        }
    }
    return machine.journal
}

let journal = longJournal(events: 5_000)
var replaySamples: [Double] = []
for _ in 0..<21 {
    let t0 = clock.now
    guard let rebuilt = try? InterviewStateMachine(script: script, replaying: journal) else { fail("replay failed") }
    let t1 = clock.now
    if rebuilt.journal.count != journal.count { fail("replay lost events") }
    replaySamples.append(nanoseconds(t1 - t0))
}
replaySamples.sort()
print(
    "replay events=\(journal.count) median_ns=\(Int(percentile(replaySamples, 50).rounded())) p90_ns=\(Int(percentile(replaySamples, 90).rounded()))"
)

// Exporting 10,000 complete records: CSV (both files), JSON and the xlsx workbook, written durably, with peak
// memory.
@MainActor func exportBench() {
    guard let data = FileManager.default.contents(atPath: sampleRecordPath),
        let sample = try? JSONDecoder().decode(MicroprojectRecord.self, from: data)
    else { fail("cannot read the sample record \(sampleRecordPath)") }
    // Built one at a time as the export asks, as the program does: only one record is in memory at once.
    let records = (0..<10_000).lazy.map { i -> MicroprojectRecord in
        var r = sample
        r.microprojectID = "mp-" + String(i, radix: 36)
        r.participant = "P-\(i)"
        return r
    }
    let folder = NSTemporaryDirectory() + "microproject-bench-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func time(_ body: () throws -> Void) -> Double {
        var samples: [Double] = []
        for _ in 0..<5 {
            let t0 = clock.now
            do { try body() } catch { fail("export failed: \(error)") }
            samples.append(nanoseconds(clock.now - t0))
        }
        return samples.sorted()[2]
    }
    let csv = time {
        try DurableFile.write(to: folder + "/microprojects.csv") { wide in
            try DurableFile.write(to: folder + "/sessions.csv") { long in
                try ExportWriter.csv(records, includeSensitive: false, bom: false, wide: wide, long: long)
            }
        }
    }
    let json = time {
        try DurableFile.write(to: folder + "/microprojects.json") {
            try ExportWriter.json(records, includeSensitive: false, to: $0)
        }
    }
    let bytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/microprojects.json")[.size] as? Int) ?? 0
    let full = time {
        try DurableFile.write(to: folder + "/full.json") {
            try ExportWriter.json(records, includeSensitive: false, detail: .full, to: $0)
        }
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let peakBefore = usage.ru_maxrss
    // The workbook last, so the peak memory after it shows what it adds on top of CSV and JSON.
    let about = WorkbookAbout(exportedAt: clockTime, exportedBy: "bench", selection: "every microproject")
    let xlsx = time {
        try DurableFile.write(to: folder + "/microprojects.xlsx") {
            try ExportWriter.xlsx(records, includeSensitive: false, about: about, workingFolder: folder, to: $0)
        }
    }
    let xlsxBytes =
        (try? FileManager.default.attributesOfItem(atPath: folder + "/microprojects.xlsx")[.size] as? Int) ?? 0
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(
        "export records=10000 csv_ns=\(Int(csv)) json_ns=\(Int(json)) json_bytes=\(bytes) full_json_ns=\(Int(full)) "
            + "peak_rss_kb=\(peakBefore) xlsx_ns=\(Int(xlsx)) xlsx_bytes=\(xlsxBytes) xlsx_peak_rss_kb=\(usage.ru_maxrss)"
    )
}
exportBench()
