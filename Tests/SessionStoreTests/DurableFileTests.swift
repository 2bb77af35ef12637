import Foundation
import Testing

@testable import SessionStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SessionStoreTests {
    @Suite struct DurableFileTests {
        @Test func newFileIsPrivateUnderAPermissiveUmask() throws {
            let temp = try TemporaryFolder()
            let target = temp.file("record.md")
            try withUmask(0o022) { try DurableFile.write(Data("hello".utf8), to: target) }
            #expect(mode(target) == 0o600)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "hello")
        }

        @Test func overwritingAWideFileLeavesItPrivate() throws {
            let temp = try TemporaryFolder()
            let target = temp.file("record.md")
            #expect(FileManager.default.createFile(atPath: target, contents: Data("old".utf8)))
            #expect(chmod(target, 0o644) == 0)
            try withUmask(0o022) { try DurableFile.write(Data("new".utf8), to: target) }
            #expect(mode(target) == 0o600)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        }

        @Test func refusesASymlinkTarget() throws {
            let temp = try TemporaryFolder()
            let elsewhere = temp.file("elsewhere")
            #expect(FileManager.default.createFile(atPath: elsewhere, contents: Data("keep".utf8)))
            #expect(symlink(elsewhere, temp.file("link")) == 0)
            #expect { try DurableFile.write(Data("x".utf8), to: temp.file("link")) } throws: {
                ($0 as? StoreError)?.code == .targetIsSymlink
            }
            #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "keep")
            #expect(try temp.entries() == ["elsewhere", "link"])
        }

        @Test func withoutOverwriteRefusesAnExistingFile() throws {
            let temp = try TemporaryFolder()
            let target = temp.file("export.csv")
            try DurableFile.write(Data("first".utf8), to: target, overwrite: false)
            #expect { try DurableFile.write(Data("second".utf8), to: target, overwrite: false) } throws: {
                ($0 as? StoreError)?.code == .targetExists
            }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "first")
            #expect(try temp.entries() == ["export.csv"])
        }

        @Test func leavesNoTempFilesBehind() throws {
            let temp = try TemporaryFolder()
            for round in 0..<5 {
                try DurableFile.write(Data(repeating: UInt8(round), count: 100_000), to: temp.file("big.bin"))
            }
            // A failure after the temp file is made: the folder holding the target is a file.
            #expect(throws: StoreError.self) { try DurableFile.write(Data(), to: temp.file("big.bin/inner")) }
            #expect(try temp.entries() == ["big.bin"])
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: temp.file("big.bin"))) == Data(repeating: 4, count: 100_000)
            )
        }

        @Test func failureNamesThePath() throws {
            let temp = try TemporaryFolder()
            let target = temp.file("missing-folder/out.txt")
            #expect { try DurableFile.write(Data(), to: target) } throws: {
                String(describing: $0).contains(target) && String(describing: $0).contains("No such file")
            }
        }

        @Test func ensureFolderMakesPrivateNestedFolders() throws {
            let temp = try TemporaryFolder()
            let nested = temp.file("records/2025/june")
            try withUmask(0o022) { try DurableFile.ensureFolder(nested) }
            #expect(mode(nested) == 0o700)
            #expect(mode(temp.file("records")) == 0o700)
            try DurableFile.ensureFolder(nested)
        }

        // MARK: Leftover temp files

        @Test func leftoverTempFilesAreRemovedAndNothingElse() throws {
            let temp = try TemporaryFolder()
            let leftovers = [".x.md.tmp-aB3dE9", ".mp-abc.json.tmp-000000", ".microprojects.csv.tmp-ZZZZZZ"]
            let others = [
                "x.md", ".x.md", ".x.md.tmp-", ".x.md.tmp-abc", ".x.md.tmp-abcdefg", ".x.md.tmp-abc-de",
                "x.md.tmp-abcdef", "..tmp-abcdef", ".x.md.temp-abcdef",
            ]
            for name in leftovers + others {
                #expect(FileManager.default.createFile(atPath: temp.file(name), contents: Data("answers".utf8)))
            }
            #expect(symlink(temp.file("x.md"), temp.file(".y.md.tmp-LINKED")) == 0)
            let removed = DurableFile.removeLeftovers(in: [temp.path, temp.file("no-such-folder")])
            #expect(Set(removed) == Set(leftovers.map(temp.file)))
            #expect(Set(try temp.entries()) == Set(others + [".y.md.tmp-LINKED"]))
            #expect(try Data(contentsOf: URL(fileURLWithPath: temp.file("x.md"))) == Data("answers".utf8))
        }

        @Test func aTempFileStillBeingWrittenIsLeftAlone() throws {
            let temp = try TemporaryFolder()
            let busy = temp.file(".record.json.tmp-Busy01")
            let fd = open(busy, O_CREAT | O_WRONLY, 0o600)
            #expect(fd >= 0)
            #expect(flock(fd, LOCK_EX) == 0)
            #expect(DurableFile.removeLeftovers(in: [temp.path]).isEmpty)
            #expect(FileManager.default.fileExists(atPath: busy))
            close(fd)  // the writer is gone: the lock goes with it
            #expect(DurableFile.removeLeftovers(in: [temp.path]) == [busy])
        }

        @Test func aWriteHoldsItsTempFileLockedUntilItIsInPlace() throws {
            let temp = try TemporaryFolder()
            let target = temp.file("big.csv")
            var sweptWhileWriting: [String] = ["not run"]
            try DurableFile.write(to: target) { sink in
                try sink(Data("first half\n".utf8))
                sweptWhileWriting = DurableFile.removeLeftovers(in: [temp.path])
                try sink(Data("second half\n".utf8))
            }
            #expect(sweptWhileWriting.isEmpty)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "first half\nsecond half\n")
            #expect(try temp.entries() == ["big.csv"])
        }

        @Test func aWriteClearsLeftoversOfItsOwnTarget() throws {
            let temp = try TemporaryFolder()
            let stale = temp.file(".out.json.tmp-Stale1")
            let other = temp.file(".other.json.tmp-Stale2")
            for path in [stale, other] { #expect(FileManager.default.createFile(atPath: path, contents: Data())) }
            try DurableFile.write(Data("{}".utf8), to: temp.file("out.json"))
            #expect(Set(try temp.entries()) == ["out.json", ".other.json.tmp-Stale2"])
        }
    }
}
