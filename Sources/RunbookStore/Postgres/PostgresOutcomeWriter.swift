import Foundation
import Logging
import PostgresNIO
import RunbookCore

/// Records the results of delivery tries on PostgreSQL, many per transaction, as `SQLiteOutcomeWriter` does: a
/// dispatcher finishes many sends at once, and a commit per result would cap the outbox's drain rate at the
/// database's commit rate.
///
/// Each result locks its delivery (`FOR UPDATE`), so two nodes recording one delivery record one after the other.
///
/// A batch whose results are for different deliveries (the usual case) is written in a few statements whatever its
/// size: the deliveries locked in one read, the attempts in one insert, the sent deliveries in one update, the
/// timeline events in one insert; a result whose delivery is gone fails alone (`StoreError.notFound`), found before
/// anything is written. Retries, dead letters and digests' members are written one by one, as before. A batch with
/// two results for one delivery is written result by result, each in a savepoint (`PostgresPool.commitBatch`).
struct PostgresOutcomeWriter: Sendable {
    let logger: Logger

    /// Records a batch in one transaction; if that transaction fails as a whole, gives each result its own.
    func commit(
        _ batch: [RecordedOutcome], to client: PostgresPool
    ) async -> (results: [Result<Void, any Error>], transactions: Int) {
        await client.commitBatchAbandoning(batch, logger: logger) {
            guard Set(batch.map(\.deliveryID)).count == batch.count else {
                return await client.commitBatch(batch, operation: .outcomeCommit, logger: logger) { outcome, connection in
                    try await apply(outcome, connection)
                }
            }
            do {
                let results = try await client.transaction(.outcomeCommit, logger: logger) { connection in
                    try await applyTogether(batch, connection)
                }
                return (results, 1)
            } catch {
                var results: [Result<Void, any Error>] = []
                for outcome in batch {
                    do {
                        try await client.transaction(.outcomeCommit, logger: logger) { connection in
                            try await apply(outcome, connection)
                        }
                        results.append(.success(()))
                    } catch {
                        results.append(.failure(error))
                    }
                }
                return (results, 1 + batch.count)
            }
        }
    }

    /// Records results for different deliveries in the caller's transaction; one result per outcome, in order.
    private func applyTogether(
        _ batch: [RecordedOutcome], _ connection: PostgresConnection
    ) async throws -> [Result<Void, any Error>] {
        let ids = batch.map(\.deliveryID).sorted()
        var bindings = PostgresBindings()
        bindings.append(ids)
        let locked = try await PostgresOutbox.deliveries(
            PostgresQuery(
                unsafeSQL: "SELECT \(PostgresOutbox.deliveryColumns) FROM deliveries WHERE id = ANY($1) ORDER BY id FOR UPDATE",
                binds: bindings),
            connection, logger: logger)
        let deliveries = Dictionary(locked.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var results: [Result<Void, any Error>] = []
        var attempts: [(deliveryID: Int64, attempt: DeliveryAttempt)] = []
        var sent: [(id: Int64, at: Double, reference: String?)] = []
        var events: [TimelineEvent] = []
        var oneByOne: [(RecordedOutcome, OutboxDelivery)] = []
        for outcome in batch {
            guard let delivery = deliveries[outcome.deliveryID] else {
                results.append(.failure(StoreError.notFound("no delivery \(outcome.deliveryID)")))
                continue
            }
            results.append(.success(()))
            switch outcome {
            case .delivered(let id, let attempt, let reference):
                attempts.append((id, attempt))
                guard delivery.state != .sent else { continue }
                if delivery.kind == .digest {
                    oneByOne.append((outcome, delivery))
                } else {
                    sent.append((id, attempt.at.timeIntervalSince1970, reference))
                }
                events += Self.events(
                    delivery, .notified, detail: "\(delivery.kind.rawValue) to \(delivery.channel)", at: attempt.at)
            case .failed(let id, let attempt, let retryAt):
                attempts.append((id, attempt))
                guard delivery.state == .pending else { continue }
                oneByOne.append((outcome, delivery))
                if retryAt == nil {
                    events += Self.gaveUp(delivery, attempt)
                }
            }
        }
        try await insert(attempts, connection)
        try await markSent(sent, connection)
        for (outcome, delivery) in oneByOne {
            switch outcome {
            case .delivered(let id, let attempt, let reference):
                try await markDigestSent(delivery, id, attempt, reference: reference, connection)
            case .failed(let id, let attempt, let retryAt):
                try await markFailed(delivery, id, attempt, retryAt: retryAt, connection)
            }
        }
        try await insert(events, connection)
        return results
    }

    /// The attempts, in one statement per 5,000.
    private func insert(
        _ attempts: [(deliveryID: Int64, attempt: DeliveryAttempt)], _ connection: PostgresConnection
    ) async throws {
        for start in stride(from: 0, to: attempts.count, by: 5_000) {
            var sql = PostgresQueryBuilder("INSERT INTO deliveryAttempts (deliveryID, at, status, error, duration) VALUES ")
            for (index, item) in attempts[start..<min(attempts.count, start + 5_000)].enumerated() {
                let values = [
                    sql.bind(item.deliveryID), sql.bind(item.attempt.at.timeIntervalSince1970),
                    sql.bind(item.attempt.status), sql.bind(item.attempt.error), sql.bind(item.attempt.duration),
                ]
                sql.append((index == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
            }
            try await connection.query(sql.query, logger: logger)
        }
    }

    /// Marks deliveries (not digests) sent, in one statement per 5,000.
    private func markSent(
        _ sent: [(id: Int64, at: Double, reference: String?)], _ connection: PostgresConnection
    ) async throws {
        for start in stride(from: 0, to: sent.count, by: 5_000) {
            var sql = PostgresQueryBuilder("UPDATE deliveries SET state = 'sent', sentAt = sent.at, reference = sent.reference, leaseUntil = NULL FROM (VALUES ")
            for (index, item) in sent[start..<min(sent.count, start + 5_000)].enumerated() {
                let values = [
                    sql.bind(item.id) + "::bigint", sql.bind(item.at) + "::double precision",
                    sql.bind(item.reference) + "::text",
                ]
                sql.append((index == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
            }
            sql.append(") AS sent (id, at, reference) WHERE deliveries.id = sent.id")
            try await connection.query(sql.query, logger: logger)
        }
    }

    /// Timeline events, in order, in one statement per 1,000.
    private func insert(_ events: [TimelineEvent], _ connection: PostgresConnection) async throws {
        for start in stride(from: 0, to: events.count, by: 1_000) {
            var sql = PostgresQueryBuilder(
                "INSERT INTO timeline (incidentID, at, kind, actor, detail, alertKey, count) VALUES ")
            for (index, event) in events[start..<min(events.count, start + 1_000)].enumerated() {
                let values = [
                    sql.bind(event.incidentID), sql.bind(event.at.timeIntervalSince1970), sql.bind(event.kind.rawValue),
                    sql.bind(event.actor), sql.bind(event.detail), sql.bind(event.alertKey), sql.bind(event.count),
                ]
                sql.append((index == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
            }
            try await connection.query(sql.query, logger: logger)
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
        try await insert([(id, attempt)], connection)
        guard delivery.state != .sent else { return }
        try await markDigestSent(delivery, id, attempt, reference: reference, connection)
        try await insert(
            Self.events(delivery, .notified, detail: "\(delivery.kind.rawValue) to \(delivery.channel)", at: attempt.at),
            connection)
    }

    /// Marks a locked delivery sent and, for a digest, its held deliveries; writes no event.
    private func markDigestSent(
        _ delivery: OutboxDelivery, _ id: Int64, _ attempt: DeliveryAttempt, reference: String?,
        _ connection: PostgresConnection
    ) async throws {
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
    }

    /// Due again at `retryAt`, or dead (with the held deliveries of a digest) and a `deliveryFailed` event on each
    /// incident it tells of.
    private func failed(
        _ id: Int64, _ attempt: DeliveryAttempt, retryAt: Date?, _ connection: PostgresConnection
    ) async throws {
        let delivery = try await PostgresOutbox.lockedDelivery(id: id, connection, logger: logger)
        try await insert([(id, attempt)], connection)
        guard delivery.state == .pending else { return }
        try await markFailed(delivery, id, attempt, retryAt: retryAt, connection)
        if retryAt == nil {
            try await insert(Self.gaveUp(delivery, attempt), connection)
        }
    }

    /// The `deliveryFailed` events of a delivery given up after `attempt`.
    private static func gaveUp(_ delivery: OutboxDelivery, _ attempt: DeliveryAttempt) -> [TimelineEvent] {
        events(
            delivery, .deliveryFailed,
            detail: "\(delivery.kind.rawValue) to \(delivery.channel) gave up: \(failure(attempt))", at: attempt.at)
    }

    /// What a failed attempt's delivery records as its last error.
    private static func failure(_ attempt: DeliveryAttempt) -> String {
        attempt.error ?? attempt.status.map { "HTTP \($0)" } ?? "failed"
    }

    /// The rest of `failed` for a locked, pending delivery whose attempt is written, but its events (`gaveUp`).
    private func markFailed(
        _ delivery: OutboxDelivery, _ id: Int64, _ attempt: DeliveryAttempt, retryAt: Date?,
        _ connection: PostgresConnection
    ) async throws {
        let error = Self.failure(attempt)
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
    }

    /// The `kind` events for the timeline of each incident the delivery tells of: its own, or a digest's listed ones.
    private static func events(
        _ delivery: OutboxDelivery, _ kind: TimelineEvent.Kind, detail: String, at: Date
    ) -> [TimelineEvent] {
        (delivery.kind == .digest ? delivery.digestIncidentIDs : [delivery.incidentID]).map { incidentID in
            TimelineEvent(incidentID: incidentID, at: at, kind: kind, actor: delivery.channel, detail: detail)
        }
    }
}

extension RecordedOutcome {
    /// The delivery the result is for.
    var deliveryID: Int64 {
        switch self {
        case .delivered(let id, _, _), .failed(let id, _, _): id
        }
    }
}
