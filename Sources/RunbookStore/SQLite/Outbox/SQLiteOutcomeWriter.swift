import Foundation
import GRDB
import RunbookCore

/// Records the results of delivery tries, many per transaction, each in a savepoint.
///
/// A dispatcher finishes many sends at once; one fsync per result would cap the outbox's drain rate at the
/// disk's sync rate.
struct SQLiteOutcomeWriter: Sendable {
    /// Records a batch in one transaction; if that transaction fails as a whole, gives each result its own.
    func commit(
        _ batch: [RecordedOutcome], to pool: DatabasePool
    ) async -> (results: [Result<Void, any Error>], transactions: Int) {
        do {
            let results = try await pool.write { db in
                batch.map { outcome in
                    Result {
                        try db.inSavepoint {
                            try Self.apply(outcome, db)
                            return .commit
                        }
                    }
                }
            }
            return (results, 1)
        } catch {
            var results: [Result<Void, any Error>] = []
            for outcome in batch {
                do {
                    try await pool.write { db in try Self.apply(outcome, db) }
                    results.append(.success(()))
                } catch {
                    results.append(.failure(error))
                }
            }
            return (results, batch.count)
        }
    }

    private static func apply(_ outcome: RecordedOutcome, _ db: Database) throws {
        switch outcome {
        case .delivered(let id, let attempt, let reference): try delivered(id, attempt, reference: reference, db)
        case .failed(let id, let attempt, let retryAt): try failed(id, attempt, retryAt: retryAt, db)
        }
    }

    /// Sent, with the held deliveries of a digest, and a `notified` event on each incident it tells of.
    private static func delivered(_ id: Int64, _ attempt: DeliveryAttempt, reference: String?, _ db: Database) throws {
        let delivery = try SQLiteOutbox.delivery(id: id, db)
        try insert(attempt, deliveryID: id, db)
        guard delivery.state != .sent else { return }
        let at = attempt.at.timeIntervalSince1970
        try db.cachedStatement(
            sql: "UPDATE deliveries SET state = 'sent', sentAt = ?, reference = ?, leaseUntil = NULL WHERE id = ?"
        ).execute(arguments: [at, reference, id])
        var told = [delivery.incidentID]
        if delivery.kind == .digest {
            told = delivery.digestIncidentIDs
            try db.cachedStatement(sql: """
                UPDATE deliveries SET state = 'sent', sentAt = ?
                WHERE \(SQLiteOutbox.membersOf) AND state IN ('held', 'dead')
                """).execute(arguments: [at, id])
        }
        for incidentID in told {
            let event = TimelineEvent(
                incidentID: incidentID, at: attempt.at, kind: .notified, actor: delivery.channel,
                detail: "\(delivery.kind.rawValue) to \(delivery.channel)")
            try SQLiteHotPath.insert(event, db)
        }
    }

    /// Due again at `retryAt`, or dead (with the held deliveries of a digest) and a `deliveryFailed` event on each
    /// incident it tells of.
    private static func failed(_ id: Int64, _ attempt: DeliveryAttempt, retryAt: Date?, _ db: Database) throws {
        let delivery = try SQLiteOutbox.delivery(id: id, db)
        try insert(attempt, deliveryID: id, db)
        guard delivery.state == .pending else { return }
        let error = attempt.error ?? attempt.status.map { "HTTP \($0)" } ?? "failed"
        if let retryAt {
            try db.cachedStatement(sql: """
                UPDATE deliveries SET attempts = attempts + 1, lastError = ?, dueAt = ?, leaseUntil = NULL WHERE id = ?
                """).execute(arguments: [error, retryAt.timeIntervalSince1970, id])
            return
        }
        try db.cachedStatement(sql: """
            UPDATE deliveries SET attempts = attempts + 1, lastError = ?, state = 'dead', leaseUntil = NULL WHERE id = ?
            """).execute(arguments: [error, id])
        var told = [delivery.incidentID]
        if delivery.kind == .digest {
            told = delivery.digestIncidentIDs
            try db.cachedStatement(sql: """
                UPDATE deliveries SET state = 'dead', lastError = ? WHERE \(SQLiteOutbox.membersOf) AND state = 'held'
                """).execute(arguments: [error, id])
        }
        for incidentID in told {
            let event = TimelineEvent(
                incidentID: incidentID, at: attempt.at, kind: .deliveryFailed, actor: delivery.channel,
                detail: "\(delivery.kind.rawValue) to \(delivery.channel) gave up: \(error)")
            try SQLiteHotPath.insert(event, db)
        }
    }

    private static func insert(_ attempt: DeliveryAttempt, deliveryID: Int64, _ db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO deliveryAttempts (deliveryID, at, status, error, duration) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [
            deliveryID, attempt.at.timeIntervalSince1970, attempt.status, attempt.error, attempt.duration,
        ])
    }
}
