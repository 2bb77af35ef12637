import Foundation
import Testing

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

    private func readAll(_ reader: PlainReader) -> [LineInput] {
        var inputs: [LineInput] = []
        while true {
            let input = reader.readLine(prompt: "ignored> ", completions: ["x"])
            inputs.append(input)
            if input == .endOfInput { return inputs }
        }
    }

    @Test func splitsLinesStripsCRAndKeepsLastLineWithoutNewline() throws {
        let (reader, fd) = try reader(for: Array("one\r\ntwo\n\nthree".utf8))
        defer { close(fd) }
        #expect(readAll(reader) == [.line("one"), .line("two"), .line(""), .line("three"), .endOfInput])
        #expect(reader.readLine(prompt: "", completions: []) == .endOfInput)
        #expect(reader.isInteractive == false)
    }

    @Test func emptyInputIsEndOfInput() throws {
        let (reader, fd) = try reader(for: [])
        defer { close(fd) }
        #expect(readAll(reader) == [.endOfInput])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        let (reader, fd) = try reader(for: [0x61, 0xFF, 0x62, 0xC3, 0x0A, 0xC3, 0xA9, 0x0A])
        defer { close(fd) }
        #expect(readAll(reader) == [.line("a\u{FFFD}b\u{FFFD}"), .line("é"), .endOfInput])
    }

    @Test func controlCharactersArePassedThroughForTheSanitizer() throws {
        let (reader, fd) = try reader(for: Array("a\u{1B}[2Jb\u{0}c\n".utf8))
        defer { close(fd) }
        #expect(readAll(reader) == [.line("a\u{1B}[2Jb\u{0}c"), .endOfInput])
    }

    @Test func overlongLineIsCutAndTheRestOfItDiscarded() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 25_000)
        let (reader, fd) = try reader(for: long + Array("\r\nnext\n".utf8))
        defer { close(fd) }
        let expected = String(repeating: "x", count: PlainReader.maxLineBytes)
        #expect(readAll(reader) == [.line(expected), .line("next"), .endOfInput])
    }

    @Test func cutNeverSplitsACharacter() throws {
        // 9,999 ASCII bytes, then "é" straddles the limit.
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: PlainReader.maxLineBytes - 1) + Array("éz\nok".utf8)
        let (reader, fd) = try reader(for: bytes)
        defer { close(fd) }
        let expected = String(repeating: "a", count: PlainReader.maxLineBytes - 1)
        #expect(readAll(reader) == [.line(expected), .line("ok"), .endOfInput])
    }

    @Test func answersFileLinesLongerThanOneReadChunk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tio-\(UUID()).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let huge = String(repeating: "y", count: 200_000)
        try Data("first\n\(huge)\nlast\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try PlainReader(path: path)
        #expect(
            readAll(reader) == [
                .line("first"), .line(String(repeating: "y", count: PlainReader.maxLineBytes)), .line("last"),
                .endOfInput,
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
        #expect(reader.readLine(prompt: "", completions: []) == .line("1"))
        #expect(throws: AnswersFileError.self) { try makeLineReader(answersFile: path + ".missing") }
    }
}
