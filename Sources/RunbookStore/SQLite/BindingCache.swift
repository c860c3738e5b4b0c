import Foundation
import GRDB
import RunbookCore

/// Every binding, kept in memory so that ingestion costs no read for them.
///
/// Exact for this process: a committed change to the `bindings` table through the store's pool empties it before
/// the write returns. A change made by another process (`runbook bindings remove` while the server runs) is seen
/// once the copy is older than `lifetime`. A read that raced with a change is not kept.
final class BindingCache: TransactionObserver, @unchecked Sendable {
    private let lifetime: Duration
    private let lock = NSLock()
    private var bindings: (byKey: [String: Binding], readAt: ContinuousClock.Instant)?
    private var generation = 0
    private var changed = false

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The cached bindings if fresh, and the generation to pass to ``store(_:generation:readAt:)``.
    func lookup() -> (bindings: [String: Binding]?, generation: Int) {
        lock.withLock {
            guard let bindings, ContinuousClock.now - bindings.readAt < lifetime else { return (nil, generation) }
            return (bindings.byKey, generation)
        }
    }

    /// Keeps `byKey`, read at the start of `generation`, unless the table changed since.
    func store(_ byKey: [String: Binding], generation readGeneration: Int, readAt: ContinuousClock.Instant) {
        lock.withLock {
            guard readGeneration == generation else { return }
            bindings = (byKey, readAt)
        }
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == Binding.databaseTableName
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
    }

    func databaseDidCommit(_ db: Database) {
        guard changed else { return }
        changed = false
        lock.withLock {
            generation += 1
            bindings = nil
        }
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }
}
