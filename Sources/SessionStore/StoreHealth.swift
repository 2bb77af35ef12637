import Foundation
import GRDB

/// Remembers that SQLite reported damage, so nothing more is written into that store by this process.
final class StoreHealth: @unchecked Sendable {
    private let lock = NSLock()
    private var damage: StoreError?

    var damaged: StoreError? {
        lock.lock()
        defer { lock.unlock() }
        return damage
    }

    func markDamaged(_ error: StoreError, queue: DatabaseQueue) {
        lock.lock()
        if damage == nil { damage = error }
        lock.unlock()
        Self.quarantine(queue)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [DatabaseQueue] = []

    /// Keeps a connection to a damaged store open until the process ends. Closing the last connection to a
    /// WAL database checkpoints it, writing the WAL's pages into the main file: a write into the damaged
    /// store, which could make it harder to recover.
    static func quarantine(_ queue: DatabaseQueue) {
        lock.lock()
        kept.append(queue)
        lock.unlock()
    }
}
