import Foundation
import GRDB
import Testing

@testable import SessionStore

extension SessionStoreTests {
    @Suite struct SessionStoreAPITests {
        let temp: TemporaryFolder
        let store: SessionStore

        init() throws {
            temp = try TemporaryFolder()
            store = try SessionStore(folder: temp.path)
            try store.createSession(sampleSession(), firstEvents: [sampleEvent(seq: 1, kind: "started")])
        }

        @Test func createdSessionAndEventsReadBack() throws {
            #expect(try store.session(id: "s1") == sampleSession())
            #expect(try store.events(sessionID: "s1") == [sampleEvent(seq: 1, kind: "started")])
            #expect(try store.session(id: "nope") == nil)
        }

        @Test func duplicateSessionIsRefused() throws {
            #expect { try store.createSession(sampleSession(), firstEvents: []) } throws: {
                ($0 as? StoreError)?.code == .sessionExists
            }
        }

        @Test func firstEventsMustBeNumberedFromOne() throws {
            #expect { try store.createSession(sampleSession("s2"), firstEvents: [sampleEvent("s2", seq: 2)]) } throws: {
                ($0 as? StoreError)?.code == .invalidEvents
            }
            #expect(try store.session(id: "s2") == nil)
        }

        @Test func appendCommitsEventAndCursorTogether() throws {
            try store.append(sampleEvent(seq: 2), status: "paused", cursor: "q2", outcome: nil, updatedAt: 2_000)
            let session = try #require(try store.session(id: "s1"))
            #expect(session.cursor == "q2")
            #expect(session.status == "paused")
            #expect(session.updatedAt == 2_000)
            #expect(try store.events(sessionID: "s1").map(\.seq) == [1, 2])
        }

        @Test func aGapOrARepeatInSeqIsRefusedAndChangesNothing() throws {
            for seq: Int64 in [3, 1] {
                #expect {
                    try store.append(
                        sampleEvent(seq: seq),
                        status: "finished",
                        cursor: "end",
                        outcome: "x",
                        updatedAt: 9
                    )
                } throws: {
                    ($0 as? StoreError)?.code == .sequenceMismatch
                }
            }
            #expect(try store.session(id: "s1") == sampleSession())
            #expect(try store.events(sessionID: "s1").count == 1)
        }

        /// Every answer's statements are prepared once and reused: a refused append rolls its transaction back
        /// and leaves nothing open, so the appends after it commit as before, each on disk for a new connection.
        @Test func appendsAfterARefusedOneCommitOnTheReusedStatements() throws {
            #expect(throws: StoreError.self) {
                try store.append(sampleEvent(seq: 5), status: "active", cursor: "q5", outcome: nil, updatedAt: 5)
            }
            for seq: Int64 in 2...40 {
                try store.append(
                    sampleEvent(seq: seq),
                    status: "active",
                    cursor: "q\(seq)",
                    outcome: nil,
                    updatedAt: seq
                )
            }
            #expect(store.dbQueue.writeWithoutTransaction { $0.isInsideTransaction } == false)
            let other = try DatabaseQueue(path: temp.file("microproject.sqlite"))
            #expect(try other.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM events") } == 40)
            #expect(try other.read { try String.fetchOne($0, sql: "SELECT cursor FROM sessions") } == "q40")
            #expect(try store.events(sessionID: "s1").map(\.seq) == Array(1...40))
        }

        @Test func appendToAnUnknownSessionIsRefused() throws {
            #expect {
                try store.append(
                    sampleEvent("ghost", seq: 1),
                    status: "active",
                    cursor: nil,
                    outcome: nil,
                    updatedAt: 1
                )
            } throws: {
                ($0 as? StoreError)?.code == .unknownSession
            }
        }

        @Test func eventsCannotBeChangedOrDeleted() throws {
            for sql in ["UPDATE events SET payload = '{}'", "DELETE FROM events"] {
                #expect {
                    try store.dbQueue.write { try $0.execute(sql: sql) }
                } throws: {
                    ($0 as? DatabaseError)?.message?.contains("append-only") == true
                }
            }
            #expect(try store.events(sessionID: "s1") == [sampleEvent(seq: 1, kind: "started")])
        }

        @Test func anAppendedEventIsVisibleToAnIndependentConnection() throws {
            try store.append(sampleEvent(seq: 2), status: "active", cursor: "q2", outcome: nil, updatedAt: 2_000)
            let other = try DatabaseQueue(path: temp.file("microproject.sqlite"))
            let lastSeq = try other.read {
                try Int.fetchOne($0, sql: "SELECT MAX(seq) FROM events WHERE session_id = 's1'")
            }
            let cursor = try other.read { try String.fetchOne($0, sql: "SELECT cursor FROM sessions WHERE id = 's1'") }
            #expect(lastSeq == 2)
            #expect(cursor == "q2")
        }

        @Test func sessionsListNewestFirstAndRecordPathIsSaved() throws {
            try store.createSession(sampleSession("s2", updatedAt: 5_000), firstEvents: [])
            try store.setRecordPath(sessionID: "s1", path: "/records/s1.md")
            #expect(try store.sessions().map(\.id) == ["s2", "s1"])
            #expect(try store.session(id: "s1")?.recordPath == "/records/s1.md")
            #expect { try store.setRecordPath(sessionID: "ghost", path: "/x") } throws: {
                ($0 as? StoreError)?.code == .unknownSession
            }
        }
    }
}
