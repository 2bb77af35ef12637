import Foundation
import Testing
import TextSafety

@testable import TerminalIO

@Suite struct PlainReaderTests {
    /// Writes `bytes` into a pipe, closes its write end and returns a reader on the read end.
    private func reader(for bytes: [UInt8]) throws -> (PlainReader, Int32) {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let written = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        try #require(written == bytes.count)
        close(ends[1])
        return (PlainReader(fileDescriptor: ends[0]), ends[0])
    }

    private func readAll(_ reader: PlainReader) -> [LineRead] {
        var inputs: [LineRead] = []
        while true {
            let input = reader.nextLine(prompt: "ignored> ", completions: ["x"])
            inputs.append(input)
            if input == .input(.endOfInput) { return inputs }
        }
    }

    private func problems(_ reads: [LineRead]) -> [InputProblem?] {
        reads.map {
            guard case .refused(let refusal) = $0 else { return nil }
            return refusal.problem
        }
    }

    @Test func splitsLinesStripsCRAndKeepsLastLineWithoutNewline() throws {
        let (reader, fd) = try reader(for: Array("one\r\ntwo\n\nthree".utf8))
        defer { close(fd) }
        #expect(
            readAll(reader) == [
                .input(.line("one")), .input(.line("two")), .input(.line("")), .input(.line("three")),
                .input(.endOfInput),
            ]
        )
        #expect(reader.nextLine(prompt: "", completions: []) == .input(.endOfInput))
        #expect(reader.isInteractive == false)
    }

    @Test func emptyInputIsEndOfInput() throws {
        let (reader, fd) = try reader(for: [])
        defer { close(fd) }
        #expect(readAll(reader) == [.input(.endOfInput)])
    }

    @Test func invalidUTF8IsRefusedWithItsPlaceNeverReplaced() throws {
        let (reader, fd) = try reader(for: [0x61, 0xFF, 0x62, 0x0A, 0xC3, 0xA9, 0x0A])
        defer { close(fd) }
        let reads = readAll(reader)
        #expect(problems(reads) == [.invalidUTF8(byteOffset: 1, character: 2), nil, nil])
        #expect(reads.dropFirst() == [.input(.line("é")), .input(.endOfInput)])
    }

    @Test func controlCharactersAreRefusedAndTheNextLineIsRead() throws {
        let (reader, fd) = try reader(for: Array("a\u{1B}[2Jb\nb\u{0}c\nx\u{9B}\nfine\ttab\n".utf8))
        defer { close(fd) }
        let reads = readAll(reader)
        #expect(
            problems(reads) == [
                .controlCharacter("\u{1B}", character: 2, byteOffset: 1),
                .controlCharacter("\u{0}", character: 2, byteOffset: 1),
                .controlCharacter("\u{9B}", character: 2, byteOffset: 1), nil, nil,
            ]
        )
        #expect(reads.suffix(2) == [.input(.line("fine\ttab")), .input(.endOfInput)])
        // What is shown of a refused line is safe to print.
        guard case .refused(let first) = reads[0] else { return }
        #expect(first.shown == "a^[[2Jb")
    }

    @Test func overlongLineIsRefusedWithItsWholeLengthAndTheRestOfItDiscarded() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 25_000)
        let (reader, fd) = try reader(for: long + Array("\r\nnext\n".utf8))
        defer { close(fd) }
        let reads = readAll(reader)
        #expect(problems(reads) == [.tooLong(limit: InputPolicy.maximumBytes, actual: 25_001), nil, nil])
        #expect(reads.dropFirst() == [.input(.line("next")), .input(.endOfInput)])
        guard case .refused(let refusal) = reads[0] else { return }
        #expect(refusal.shown == String(repeating: "x", count: RefusedLine.shownLength) + "…")
        #expect(refusal.message.contains("over the limit of 10,000 bytes"))
    }

    @Test func aLineExactlyAtTheLimitIsKeptWhole() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: InputPolicy.maximumBytes) + Array("\r\nok".utf8)
        let (reader, fd) = try reader(for: bytes)
        defer { close(fd) }
        let expected = String(repeating: "a", count: InputPolicy.maximumBytes)
        #expect(readAll(reader) == [.input(.line(expected)), .input(.line("ok")), .input(.endOfInput)])
    }

    @Test func answersFileLinesLongerThanOneReadChunk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tio-\(UUID()).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let huge = String(repeating: "y", count: 200_000)
        try Data("first\n\(huge)\nlast\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try PlainReader(path: path)
        let reads = readAll(reader)
        #expect(problems(reads) == [nil, .tooLong(limit: InputPolicy.maximumBytes, actual: 200_000), nil, nil])
        #expect(reads[0] == .input(.line("first")))
        #expect(reads[2] == .input(.line("last")))
    }

    @Test func readLineAsksAgainAfterEachRefusal() throws {
        let (reader, fd) = try reader(for: Array("bad\u{7}\nalso\rbad\ngood\n".utf8))
        defer { close(fd) }
        var refused: [InputProblem] = []
        let line = reader.readLine(prompt: "", completions: []) { refused.append($0.problem) }
        #expect(line == .line("good"))
        #expect(
            refused == [
                .controlCharacter("\u{7}", character: 4, byteOffset: 3),
                .controlCharacter("\r", character: 5, byteOffset: 4),
            ]
        )
    }

    @Test func missingAnswersFileThrowsAClearError() {
        let path = "/nonexistent/answers.txt"
        #expect(throws: AnswersFileError(path: path, reason: "No such file or directory")) {
            try PlainReader(path: path)
        }
        let error = AnswersFileError(path: path, reason: "No such file or directory")
        #expect(error.description == "cannot read answers file '/nonexistent/answers.txt': No such file or directory")
    }

    @Test func directoryAsAnswersFileThrows() {
        #expect(throws: AnswersFileError(path: "/tmp", reason: "Is a directory")) {
            try PlainReader(path: "/tmp")
        }
    }

    @Test func makeLineReaderUsesPlainReaderForAnswersFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tio-\(UUID()).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("1\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try makeLineReader(answersFile: path)
        #expect(reader is PlainReader)
        #expect(reader.nextLine(prompt: "", completions: []) == .input(.line("1")))
        #expect(throws: AnswersFileError.self) { try makeLineReader(answersFile: path + ".missing") }
    }
}
