import Foundation
import GRDB

/// The integrations that ingest requests authenticate against, kept in memory so that a request costs no read.
///
/// Exact for this process: every committed change to the `integrations` table through the store's pool (add,
/// rotate, remove, signing secret, SNS topics) empties the cache before the write returns. Another process (the
/// admin CLI) cannot be observed, so each entry is read again once it is older than `lifetime`: a change made
/// elsewhere takes effect within that bound. Only rows that exist are kept (an unknown name costs a read each
/// time and takes no memory), and a read that raced with a change is not kept.
final class IntegrationCache: TransactionObserver, @unchecked Sendable {
    private let lifetime: Duration
    private let lock = NSLock()
    private var rows: [String: (row: IntegrationRow, readAt: ContinuousClock.Instant)] = [:]
    private var generation = 0
    private var changed = false

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The cached row of `name` if it is fresh, and the generation to pass to ``store(_:name:generation:)``.
    func lookup(_ name: String) -> (row: IntegrationRow?, generation: Int) {
        lock.withLock {
            guard let entry = rows[name], ContinuousClock.now - entry.readAt < lifetime else {
                return (nil, generation)
            }
            return (entry.row, generation)
        }
    }

    /// Keeps `row`, read at the start of `generation`, unless the table changed since.
    func store(_ row: IntegrationRow, name: String, generation readGeneration: Int, readAt: ContinuousClock.Instant) {
        lock.withLock {
            guard readGeneration == generation else { return }
            rows[name] = (row, readAt)
        }
    }

    private func invalidate() {
        lock.withLock {
            generation += 1
            rows.removeAll()
        }
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == IntegrationRow.databaseTableName
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
    }

    func databaseDidCommit(_ db: Database) {
        if changed {
            changed = false
            invalidate()
        }
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }
}
