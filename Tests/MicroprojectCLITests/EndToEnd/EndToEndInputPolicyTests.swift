import Foundation
import Testing

/// Hostile bytes in answers and arguments (issue 8, item 6): one input policy for every line read and every
/// argument. A refused line is named (what and where), nothing of it is stored, and the question is asked again.
@Suite("End to end: the input policy")
struct EndToEndInputPolicyTests {
    /// Scalars that must never reach the terminal, the record or an export: C0 but tab and newline, DEL, C1.
    static func rawControls(in text: String) -> [String] {
        text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value)
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    static func bytes(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }
    static func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("control characters and invalid UTF-8 in piped answers are refused, named, asked again, never stored")
    func hostileBytesAreRefused() async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        let hostile: [(line: [UInt8], says: String)] = [
            (Self.utf8("Ana\u{7} mornings"), "control character (U+0007 BEL) at character 4"),
            (Self.utf8("How\rmornings go"), "control character (U+000D CR) at character 4"),
            (Self.utf8("x\u{9B}2J mornings"), "control character (U+009B CSI) at character 2"),
            ([0x63, 0x61, 0x66, 0xE9, 0x20, 0x6D, 0x6F, 0x72, 0x6E], "not UTF-8 text at character 4"),
            ([0x7A, 0x71, 0x6E, 0x00, 0x20, 0x7A, 0x71], "control character (U+0000 NUL) at character 4"),
            (Self.utf8("\u{1B}]0;X\u{7} title"), "control character (U+001B ESC) at character 1"),
            (Self.utf8("del\u{7F}eted"), "control character (U+007F DEL) at character 4"),
        ]
        // A CRLF line end is tolerated: the CR goes, the answer is kept.
        let answer = "How mornings go at home"
        let input = Self.bytes(
            hostile.map(\.line) + [Self.utf8(answer + "\r")] + E2E.suitableRoute.dropFirst().map(Self.utf8)
        )
        let result = try await sandbox.run(["run", "safety-check", "--record", record], bytes: input)
        #expect(result.exitCode == 0, "\(result.transcript)")
        for (_, says) in hostile {
            #expect(result.stdout.contains(says), "no '\(says)' in:\n\(result.stdout)")
        }
        let unwrapped = result.stdout.replacingOccurrences(of: "\n   ", with: " ")
        #expect(unwrapped.components(separatedBy: "Nothing was saved").count - 1 == hostile.count, "\(unwrapped)")
        #expect(Self.rawControls(in: result.output) == [], "raw control characters reached the terminal")
        // Each refused line is shown safely where the transcript shows answers.
        #expect(result.stdout.contains("practitioner> Ana^G mornings"), "\(result.stdout)")
        #expect(result.stdout.contains("practitioner> x<U+009B>2J mornings"), "\(result.stdout)")

        let rec = try E2ERecord(path: record)
        #expect(rec.string("focus-summary") == answer)
        #expect(rec.outcomeID == "suitable")
        for file in [record, sandbox.path("record.md")] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(Self.rawControls(in: text) == [], "\(file) holds raw control characters")
            #expect(!text.contains("\u{FFFD}"), "\(file) holds a replacement character nobody typed")
            for refused in ["Ana", "mornings go\r", "0;X", "2J mornings", "zqn", "eted"] {
                #expect(!text.contains(refused), "\(file) holds part of a refused line: \(refused)")
            }
        }
        let id = try #require(E2E.sessionID(in: result.stdout))
        let audit = try await sandbox.run(["audit", id])
        #expect(!audit.stdout.contains("Ana") && !audit.stdout.contains("0;X"), "a refused line is in the audit")
    }

    @Test("a 10 MB answer is refused naming the limit, nothing of it is saved, and the next line answers")
    func tenMegabyteLineIsRefusedNotCut() async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024)
        let input = Self.bytes([huge] + E2E.suitableRoute.map(Self.utf8))
        let result = try await sandbox.run(["run", "safety-check", "--record", record], bytes: input, timeout: 60)
        #expect(result.exitCode == 0, "\(result.transcript.prefix(3000))")
        #expect(
            result.stdout.contains("is 10,485,760 bytes long, over the limit of 10,000 bytes"),
            "\(result.stdout.prefix(3000))"
        )
        #expect(result.stdout.utf8.count < 100_000, "the refused line was echoed whole")
        let rec = try E2ERecord(path: record)
        #expect(rec.string("focus-summary") == E2E.suitableRoute[0], "the answer after the refused line was not kept")
        let run = String(repeating: "a", count: 1_000)
        for file in sandbox.files(under: sandbox.dataHome) + [record, sandbox.path("record.md")] {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(data.range(of: Data(run.utf8)) == nil, "part of the refused line was stored in \(file)")
        }
    }

    @Test("a refused line at a follow-up prompt (/note) is asked again too")
    func followUpPromptsUseThePolicy() async throws {
        let sandbox = try E2ESandbox()
        let record = sandbox.path("record.json")
        let input = Self.bytes(
            [
                Self.utf8(E2E.suitableRoute[0]), Self.utf8("/note"), Self.utf8("call \u{1B}[2J back"),
                Self.utf8("call back"),
            ]
                + E2E.suitableRoute.dropFirst().map(Self.utf8)
        )
        let result = try await sandbox.run(["run", "safety-check", "--record", record], bytes: input)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.stdout.contains("control character (U+001B ESC) at character 6"), "\(result.stdout)")
        let notes = try E2ERecord(path: record).json["notes"] as? [[String: Any]] ?? []
        #expect(notes.compactMap { $0["text"] as? String } == ["call back"], "\(notes)")
    }

    @Test("pause --reason with an ESC is refused with exit 65, prints no raw ESC, and stores nothing")
    func pauseReasonWithEscapeIsRefused() async throws {
        let sandbox = try E2ESandbox()
        try await MP.addLink(sandbox)
        let started = try await sandbox.run(
            ["start"],
            lines: MP.focus(code: "BR-061", area: "School mornings", exploring: "What the rush feels like") + [
                MP.pauseHere
            ]
        )
        try #require(started.exitCode == 75, "\(started.transcript)")
        let id = try #require(MP.id(in: started.stdout), "no microproject id: \(started.transcript)")

        for arguments in [["pause", id, "--reason", "\u{1B}]0;X\u{7}"], ["pause", id, "--reason=\u{1B}]0;X\u{7}"]] {
            let pause = try await sandbox.run(arguments)
            #expect(pause.exitCode == 65, "\(pause.transcript)")
            #expect(!pause.output.contains("\u{1B}") && !pause.output.contains("\u{7}"), "a raw ESC or BEL was printed")
            #expect(pause.stderr.contains("control character (U+001B ESC) at character 1"), "\(pause.transcript)")
            #expect(pause.stderr.contains("--reason"), "the message does not say which argument: \(pause.stderr)")
        }
        let show = try await sandbox.run(["show", id])
        #expect(!show.output.contains("0;X"), "the refused reason was stored: \(show.stdout)")
        #expect(Self.rawControls(in: show.output) == [])
    }

    @Test("an argument that is not UTF-8 or is over the limit is refused with exit 65 before anything is stored")
    func argumentsGoThroughThePolicy() async throws {
        let sandbox = try E2ESandbox()
        // Foundation passes arguments as UTF-8: the shell makes the raw byte.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", #"exec "$0" practitioner add --id ann --name "$(printf 'Ann\377')" --licence link"#, sandbox.binary,
        ]
        process.environment = sandbox.environment
        let invalid = try await sandbox.execute(process, timeout: 15)
        #expect(invalid.exitCode == 65, "\(invalid.transcript)")
        #expect(invalid.stderr.contains("The argument after --name has bytes that are not UTF-8 text at character 4"))

        let long = try await sandbox.run([
            "practitioner", "add", "--id", "ann", "--name", String(repeating: "n", count: 10_001),
        ])
        #expect(long.exitCode == 65, "\(long.transcript)")
        #expect(long.stderr.contains("is 10,001 bytes long, over the limit of 10,000 bytes"), "\(long.stderr)")

        let list = try await sandbox.run(["practitioner", "list"])
        #expect(!list.stdout.contains("ann"), "a refused practitioner was stored: \(list.stdout)")
    }
}

/// The same policy for a person typing at a terminal (libedit): Ctrl-V then a control key inserts it literally.
@Suite(
    "End to end: the input policy at a terminal (tmux)",
    .serialized,
    .enabled(if: E2ETmux.isInstalled, "tmux is not installed (Scripts/test installs it); terminal tests skipped")
)
struct EndToEndInputPolicyTerminalTests {
    @Test("a control character typed with Ctrl-V is refused with its place, and the question is asked again")
    func typedControlCharacterIsRefused() async throws {
        let sandbox = try E2ESandbox()
        let (t, id) = try await E2ETmux.atFirstQuestion(sandbox, ["run", "safety-check"])
        var ok: Bool
        var screen: String

        try await t.type("Ring")
        try await t.press("C-v")
        try await t.press("C-g")
        try await t.type(" the bell")
        (ok, screen) = try await t.waitFor { E2ETmux.lastLine($0) == "practitioner> Ring^G the bell" }
        try #require(ok, "the quoted BEL is not shown as ^G:\n\(screen)")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor {
            $0.contains("control character (U+0007 BEL) at character 5") && E2ETmux.lastLine($0) == "practitioner>"
        }
        try #require(ok, "the BEL was not refused with its place:\n\(screen)")
        #expect(!E2ETmux.hasQuestion(2, in: screen), "the answer with a BEL was taken:\n\(screen)")

        try await t.type("Mornings at home")
        try await t.press("Enter")
        (ok, screen) = try await t.waitFor { E2ETmux.hasQuestion(2, in: $0) }
        try #require(ok, "question 2 never appeared:\n\(screen)")
        await E2E.sleep(milliseconds: 300)  // libedit.md gotcha 10
        try await t.press("C-c")
        (ok, screen) = try await t.waitFor { $0.contains("EXIT=") }
        #expect(screen.contains("EXIT=75"), "\(screen)")
        let show = try await sandbox.run(["show", id, "--all"])
        #expect(E2E.shownAnswer(in: show.stdout, question: "In a sentence or two") == "Mornings at home")
    }
}
