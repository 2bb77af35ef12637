import Foundation
import GRDB
import Testing

@_spi(Bench) @testable import SessionStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SessionStoreTests {
    @Suite struct StoreFileTests {
        @Test func databaseAndCompanionsArePrivateUnderAPermissiveUmask() throws {
            let temp = try TemporaryFolder()
            let home = temp.file("home")
            let store = try withUmask(0o022) { () throws -> SessionStore in
                try DataHome.prepare(home)
                return try SessionStore(folder: home)
            }
            try store.createSession(sampleSession(), firstEvents: [sampleEvent(seq: 1)])
            let database = home + "/microproject.sqlite"
            #expect(mode(home) == 0o700)
            for file in [database, database + "-wal", database + "-shm"] {
                #expect(mode(file) == 0o600, "\(file)")
            }
        }

        @Test func aWideDatabaseFromEarlierIsTightened() throws {
            let temp = try TemporaryFolder()
            let database = temp.file("microproject.sqlite")
            withUmask(0o022) {
                _ = try? DatabaseQueue(path: database)
            }
            #expect(mode(database) == 0o644)
            _ = try SessionStore(folder: temp.path)
            #expect(mode(database) == 0o600)
        }

        @Test func walAndFullSyncAreInEffect() throws {
            let temp = try TemporaryFolder()
            let store = try SessionStore(folder: temp.path)
            func pragma(_ name: String) throws -> String? {
                try store.dbQueue.read { try String.fetchOne($0, sql: "PRAGMA \(name)") }
            }
            #expect(try pragma("journal_mode") == "wal")
            #expect(try pragma("synchronous") == "2")  // 2 = FULL
            #expect(try pragma("foreign_keys") == "1")
        }

        @Test func headerDamageIsReportedAndNothingIsMovedOrChanged() throws {
            let temp = try TemporaryFolder()
            let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try garbage.write(to: URL(fileURLWithPath: temp.file("microproject.sqlite")))
            try Data("old wal".utf8).write(to: URL(fileURLWithPath: temp.file("microproject.sqlite-wal")))
            let before = try temp.entries()

            for access in [SessionStore.Access.write, .read] {
                #expect("\(access)") {
                    _ = try SessionStore(folder: temp.path, access: access)
                } throws: {
                    let error = $0 as? StoreError
                    return error?.code == .damaged && error?.path == temp.file("microproject.sqlite")
                        && error?.description.contains("nothing was moved") == true
                }
            }
            #expect(try temp.entries() == before)
            #expect(try Data(contentsOf: URL(fileURLWithPath: temp.file("microproject.sqlite"))) == garbage)
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: temp.file("microproject.sqlite-wal"))) == Data("old wal".utf8)
            )
        }

        @Test func aDamagedStoreMovedAsideKeepsEveryFileAndAFreshOneWorks() throws {
            let temp = try TemporaryFolder()
            let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try garbage.write(to: URL(fileURLWithPath: temp.file("microproject.sqlite")))
            try Data("old wal".utf8).write(to: URL(fileURLWithPath: temp.file("microproject.sqlite-wal")))

            let aside = try SessionStore.moveDamagedAside(folder: temp.path)

            #expect(aside.hasPrefix(temp.file("microproject.sqlite.corrupt-")))
            #expect(try Data(contentsOf: URL(fileURLWithPath: aside)) == garbage)
            #expect(try Data(contentsOf: URL(fileURLWithPath: aside + "-wal")) == Data("old wal".utf8))
            let store = try SessionStore(folder: temp.path)
            try store.createSession(sampleSession(), firstEvents: [sampleEvent(seq: 1)])
            #expect(try store.events(sessionID: "s1").count == 1)
        }

        @Test func damageBehindAValidHeaderIsFoundAtOpen() throws {
            let temp = try TemporaryFolder()
            var damaged = Data("SQLite format 3\0".utf8)
            damaged.append(Data(repeating: 0xA5, count: 8192))
            try damaged.write(to: URL(fileURLWithPath: temp.file("microproject.sqlite")))

            #expect { try SessionStore(folder: temp.path) } throws: { ($0 as? StoreError)?.code == .damaged }
            #expect(try Data(contentsOf: URL(fileURLWithPath: temp.file("microproject.sqlite"))) == damaged)
        }

        /// A page of the events table overwritten: the header is fine and the sessions table reads, so only
        /// a check of the whole file finds it. Neither kind of open may go on to use the store.
        @Test(arguments: [SessionStore.Access.write, .read])
        func aDamagedPageOfEventsIsFoundAtOpen(access: SessionStore.Access) throws {
            let temp = try TemporaryFolder()
            try makeStoreWithEvents(in: temp.path)
            let damaged = try overwriteRootPage(of: "events", in: temp.file("microproject.sqlite"))

            #expect {
                _ = try SessionStore(folder: temp.path, access: access)
            } throws: {
                ($0 as? StoreError)?.code == .damaged && ($0 as? StoreError)?.detail?.isEmpty == false
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: temp.file("microproject.sqlite"))) == damaged)
        }

        /// Damage that shows only while working (here: the open's check skipped) stops every later write,
        /// even one that would not touch the damaged page.
        @Test func damageFoundWhileWorkingStopsEveryLaterWrite() throws {
            let temp = try TemporaryFolder()
            try makeStoreWithEvents(in: temp.path)
            _ = try overwriteRootPage(of: "events", in: temp.file("microproject.sqlite"))
            let store = try SessionStore(folder: temp.path, access: .write, checkIntegrity: false)

            #expect { try store.events(sessionID: "s1") } throws: { ($0 as? StoreError)?.code == .damaged }
            #expect {
                try store.savePractitioner(id: "sam", profileJSON: "{}", at: 1)
            } throws: {
                ($0 as? StoreError)?.code == .damaged
            }
            let unchanged = try DatabaseQueue(path: temp.file("microproject.sqlite"))
            #expect(try unchanged.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM practitioners") } == 0)
        }

        @Test func aMissingTableIsReportedAsDamageNotAnSQLError() throws {
            let temp = try TemporaryFolder()
            try makeStoreWithEvents(in: temp.path)
            let raw = try DatabaseQueue(path: temp.file("microproject.sqlite"))
            try raw.write { try $0.execute(sql: "PRAGMA foreign_keys = OFF; DROP TABLE practitioners") }
            try raw.close()

            for access in [SessionStore.Access.write, .read] {
                #expect("\(access)") {
                    _ = try SessionStore(folder: temp.path, access: access)
                } throws: {
                    let error = $0 as? StoreError
                    return error?.code == .damaged && error?.detail == "its table 'practitioners' is missing"
                }
            }
        }

        /// A backup: folder 0500, file 0400. It reads (without a -shm, so as immutable), creates nothing,
        /// and refuses to be written, for root too.
        @Test func aReadOnlyBackupCanBeReadButNotWritten() throws {
            let temp = try TemporaryFolder()
            let backup = temp.file("backup")
            #expect(mkdir(backup, 0o700) == 0)
            try makeStoreWithEvents(in: backup)
            #expect(chmod(backup + "/microproject.sqlite", 0o400) == 0)
            #expect(chmod(backup, 0o500) == 0)
            defer { chmod(backup, 0o700) }

            let store = try SessionStore(folder: backup, access: .read)
            #expect(try store.sessions().map(\.id) == ["s1"])
            #expect(try store.events(sessionID: "s1").count == 3)
            #expect(try FileManager.default.contentsOfDirectory(atPath: backup) == ["microproject.sqlite"])
            #expect { try store.savePractitioner(id: "sam", profileJSON: "{}", at: 1) } throws: {
                ($0 as? StoreError)?.code == .readOnly
            }
            #expect { try SessionStore(folder: backup, access: .write) } throws: {
                ($0 as? StoreError)?.code == .readOnly
            }
            #expect(mode(backup + "/microproject.sqlite") == 0o400)
        }

        @Test func readingAFolderWithNoStoreCreatesNothing() throws {
            let temp = try TemporaryFolder()
            let store = try SessionStore(folder: temp.path, access: .read)
            #expect(try store.sessions().isEmpty)
            #expect(try store.microprojects().isEmpty)
            #expect(try temp.entries().isEmpty)
        }

        @Test func writabilityIsCheckedWithoutOpeningTheStore() throws {
            let temp = try TemporaryFolder()
            try SessionStore.checkWritable(folder: temp.path)
            #expect(try temp.entries().isEmpty)
            #expect {
                try Preflight.checkWritable(
                    folder: temp.path,
                    store: temp.file("microproject.sqlite"),
                    minimumFree: .max
                )
            } throws: {
                ($0 as? StoreError)?.code == .diskFull
            }
            #expect(chmod(temp.path, 0o500) == 0)
            defer { chmod(temp.path, 0o700) }
            #expect { try SessionStore.checkWritable(folder: temp.path) } throws: {
                ($0 as? StoreError)?.code == .readOnly
            }
        }

        @Test func healthyStoreReopensWithItsData() throws {
            let temp = try TemporaryFolder()
            try SessionStore(folder: temp.path).createSession(sampleSession(), firstEvents: [])
            let reopened = try SessionStore(folder: temp.path)
            #expect(try reopened.session(id: "s1") == sampleSession())
            #expect(try SessionStore(folder: temp.path, access: .read).session(id: "s1") == sampleSession())
        }

        @Test func immutableURIKeepsOddCharactersLiteral() {
            #expect(SessionStore.immutableURI("/a b/x?y#z%") == "file:/a%20b/x%3Fy%23z%25?immutable=1")
        }

        @Test func utcStampIsCompactAndSortable() {
            #expect(DamagedStore.utcStamp(0) == "19700101T000000Z")
            #expect(DamagedStore.utcStamp(1_738_367_999) == "20250131T235959Z")
        }

        /// A closed store with one session of three events, its WAL checkpointed into the main file.
        private func makeStoreWithEvents(in folder: String) throws {
            let store = try SessionStore(folder: folder)
            try store.createSession(sampleSession(), firstEvents: (1...3).map { sampleEvent(seq: $0) })
            try store.dbQueue.close()
        }

        /// Writes garbage over a table's root page (found from sqlite_master and the page size) and returns
        /// the file's bytes after.
        private func overwriteRootPage(of table: String, in path: String) throws -> Data {
            let raw = try DatabaseQueue(path: path)
            let (root, pageSize) = try raw.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table])!,
                    try Int.fetchOne(db, sql: "PRAGMA page_size")!
                )
            }
            try raw.close()
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try handle.seek(toOffset: UInt64((root - 1) * pageSize))
            try handle.write(contentsOf: Data((0..<pageSize).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }))
            try handle.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
    }
}
