import Foundation
import GRDB
import Testing

@testable import SessionStore

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

        @Test func damagedStoreIsMovedAsideAndAFreshOneWorks() throws {
            let temp = try TemporaryFolder()
            let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try garbage.write(to: URL(fileURLWithPath: temp.file("microproject.sqlite")))
            try Data("old wal".utf8).write(to: URL(fileURLWithPath: temp.file("microproject.sqlite-wal")))

            let store = try SessionStore(folder: temp.path)

            let aside = try #require(store.recoveredFrom)
            #expect(aside.hasPrefix(temp.file("microproject.sqlite.corrupt-")))
            #expect(try Data(contentsOf: URL(fileURLWithPath: aside)) == garbage)
            #expect(try Data(contentsOf: URL(fileURLWithPath: aside + "-wal")) == Data("old wal".utf8))
            try store.createSession(sampleSession(), firstEvents: [sampleEvent(seq: 1)])
            #expect(try store.events(sessionID: "s1").count == 1)
        }

        @Test func damageBehindAValidHeaderIsAlsoMovedAside() throws {
            let temp = try TemporaryFolder()
            var damaged = Data("SQLite format 3\0".utf8)
            damaged.append(Data(repeating: 0xA5, count: 8192))
            try damaged.write(to: URL(fileURLWithPath: temp.file("microproject.sqlite")))

            let store = try SessionStore(folder: temp.path)

            let aside = try #require(store.recoveredFrom)
            #expect(try Data(contentsOf: URL(fileURLWithPath: aside)) == damaged)
            try store.createSession(sampleSession(), firstEvents: [])
            #expect(try store.sessions().count == 1)
        }

        @Test func healthyStoreReopensWithItsData() throws {
            let temp = try TemporaryFolder()
            try SessionStore(folder: temp.path).createSession(sampleSession(), firstEvents: [])
            let reopened = try SessionStore(folder: temp.path)
            #expect(reopened.recoveredFrom == nil)
            #expect(try reopened.session(id: "s1") == sampleSession())
        }

        @Test func utcStampIsCompactAndSortable() {
            #expect(DamagedStore.utcStamp(0) == "19700101T000000Z")
            #expect(DamagedStore.utcStamp(1_738_367_999) == "20250131T235959Z")
        }
    }
}
