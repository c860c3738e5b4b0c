import Foundation
import Logging
import PostgresNIO
import RunbookCore

/// Records the results of delivery tries on PostgreSQL, many per transaction, each in a savepoint, as
/// `SQLiteOutcomeWriter` does: a dispatcher finishes many sends at once, and a commit per result would cap the outbox's
/// drain rate at the database's commit rate.
///
/// Each result locks its delivery (`FOR UPDATE`), so two nodes recording one delivery record one after the other.
struct PostgresOutcomeWriter: Sendable {
    let logger: Logger

    /// Records a batch in one transaction, each result in a savepoint; if that transaction fails as a whole, gives
    /// each result its own (`PostgresPool.commitBatch`).
    func commit(
        _ batch: [RecordedOutcome], to client: PostgresPool
    ) async -> (results: [Result<Void, any Error>], transactions: Int) {
        await client.commitBatchAbandoning(batch, logger: logger) {
            await client.commitBatch(batch, operation: .outcomeCommit, logger: logger) { outcome, connection in
                try await apply(outcome, connection)
            }
        }
    }

    private func apply(_ outcome: RecordedOutcome, _ connection: PostgresConnection) async throws {
        switch outcome {
        case .delivered(let id, let attempt, let reference):
            try await delivered(id, attempt, reference: reference, connection)
        case .failed(let id, let attempt, let retryAt):
            try await failed(id, attempt, retryAt: retryAt, connection)
        }
    }

    /// Sent, with the held deliveries of a digest, and a `notified` event on each incident it tells of.
    private func delivered(
        _ id: Int64, _ attempt: DeliveryAttempt, reference: String?, _ connection: PostgresConnection
    ) async throws {
        let delivery = try await PostgresOutbox.lockedDelivery(id: id, connection, logger: logger)
        try await insert(attempt, deliveryID: id, connection)
        guard delivery.state != .sent else { return }
        let at = attempt.at.timeIntervalSince1970
        try await connection.query(
            """
            UPDATE deliveries SET state = 'sent', sentAt = \(at), reference = \(reference), leaseUntil = NULL
            WHERE id = \(id)
            """, logger: logger)
        if delivery.kind == .digest {
            var sql = PostgresQueryBuilder("UPDATE deliveries SET state = 'sent', sentAt = ")
            sql.append(sql.bind(at))
            sql.append(" WHERE \(PostgresOutbox.members(of: sql.bind(id))) AND state IN ('held', 'dead')")
            try await connection.query(sql.query, logger: logger)
        }
        try await tell(
            delivery, .notified, detail: "\(delivery.kind.rawValue) to \(delivery.channel)", at: attempt.at, connection)
    }

    /// Due again at `retryAt`, or dead (with the held deliveries of a digest) and a `deliveryFailed` event on each
    /// incident it tells of.
    private func failed(
        _ id: Int64, _ attempt: DeliveryAttempt, retryAt: Date?, _ connection: PostgresConnection
    ) async throws {
        let delivery = try await PostgresOutbox.lockedDelivery(id: id, connection, logger: logger)
        try await insert(attempt, deliveryID: id, connection)
        guard delivery.state == .pending else { return }
        let error = attempt.error ?? attempt.status.map { "HTTP \($0)" } ?? "failed"
        if let retryAt {
            try await connection.query(
                """
                UPDATE deliveries SET attempts = attempts + 1, lastError = \(error),
                    dueAt = \(retryAt.timeIntervalSince1970), leaseUntil = NULL
                WHERE id = \(id)
                """, logger: logger)
            return
        }
        try await connection.query(
            """
            UPDATE deliveries SET attempts = attempts + 1, lastError = \(error), state = 'dead', leaseUntil = NULL
            WHERE id = \(id)
            """, logger: logger)
        if delivery.kind == .digest {
            var sql = PostgresQueryBuilder("UPDATE deliveries SET state = 'dead', lastError = ")
            sql.append(sql.bind(error))
            sql.append(" WHERE \(PostgresOutbox.members(of: sql.bind(id))) AND state = 'held'")
            try await connection.query(sql.query, logger: logger)
        }
        try await tell(
            delivery, .deliveryFailed, detail: "\(delivery.kind.rawValue) to \(delivery.channel) gave up: \(error)",
            at: attempt.at, connection)
    }

    /// Records `kind` on the timeline of each incident the delivery tells of: its own, or a digest's listed ones.
    private func tell(
        _ delivery: OutboxDelivery, _ kind: TimelineEvent.Kind, detail: String, at: Date,
        _ connection: PostgresConnection
    ) async throws {
        for incidentID in delivery.kind == .digest ? delivery.digestIncidentIDs : [delivery.incidentID] {
            let event = TimelineEvent(
                incidentID: incidentID, at: at, kind: kind, actor: delivery.channel, detail: detail)
            _ = try await PostgresRecords.insert(event, connection, logger: logger)
        }
    }

    private func insert(_ attempt: DeliveryAttempt, deliveryID: Int64, _ connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO deliveryAttempts (deliveryID, at, status, error, duration)
            VALUES (\(deliveryID), \(attempt.at.timeIntervalSince1970), \(attempt.status), \(attempt.error),
                \(attempt.duration))
            """, logger: logger)
    }
}
