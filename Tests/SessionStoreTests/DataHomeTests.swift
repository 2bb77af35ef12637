import Foundation
import Testing

@testable import SessionStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SessionStoreTests {
    @Suite struct DataHomeTests {
        @Test(arguments: [
            (["MICROPROJECT_HOME": "/m", "XDG_DATA_HOME": "/x", "HOME": "/h"], "/m"),
            (["MICROPROJECT_HOME": "", "XDG_DATA_HOME": "/x", "HOME": "/h"], "/x/microproject"),
            (["XDG_DATA_HOME": "/x", "HOME": "/h"], "/x/microproject"),
            (["XDG_DATA_HOME": "", "HOME": "/h"], "/h/.local/share/microproject"),
            (["XDG_DATA_HOME": "relative/data", "HOME": "/h"], "/h/.local/share/microproject"),
            (["HOME": "/h"], "/h/.local/share/microproject"),
        ])
        func resolve(environment: [String: String], expected: String) {
            #expect(DataHome.resolve(environment: environment) == expected)
        }

        @Test func prepareCreatesPrivateFolderAndParents() throws {
            let temp = try TemporaryFolder()
            let home = temp.file("a/b/microproject")
            try withUmask(0o022) { try DataHome.prepare(home) }
            #expect(mode(home) == 0o700)
            #expect(mode(temp.file("a")) == 0o700)
        }

        @Test func prepareTightensAWideFolder() throws {
            let temp = try TemporaryFolder()
            let home = temp.file("home")
            #expect(mkdir(home, 0o755) == 0)
            #expect(chmod(home, 0o755) == 0)
            try DataHome.prepare(home)
            #expect(mode(home) == 0o700)
        }

        /// Tightening takes group and other access away and never adds any: a backup folder made read-only
        /// (0555) must not become writable just by being looked at.
        @Test func prepareNeverMakesAReadOnlyFolderWritable() throws {
            let temp = try TemporaryFolder()
            let home = temp.file("backup")
            #expect(mkdir(home, 0o700) == 0)
            #expect(chmod(home, 0o555) == 0)
            defer { chmod(home, 0o700) }
            try DataHome.prepare(home)
            #expect(mode(home) == 0o500)
        }

        @Test func prepareRefusesASymlink() throws {
            let temp = try TemporaryFolder()
            let real = temp.file("real")
            #expect(mkdir(real, 0o700) == 0)
            #expect(symlink(real, temp.file("link")) == 0)
            #expect { try DataHome.prepare(temp.file("link")) } throws: {
                ($0 as? StoreError)?.code == .folderIsSymlink
            }
        }

        @Test func prepareRefusesAFile() throws {
            let temp = try TemporaryFolder()
            try DurableFile.write(Data("x".utf8), to: temp.file("file"))
            #expect { try DataHome.prepare(temp.file("file")) } throws: {
                ($0 as? StoreError)?.code == .notADirectory
            }
        }
    }
}
