import Logging
import NIOConcurrencyHelpers
import PostgresNIO

extension PostgresPool {
    /// Commits a batch of writes in one transaction, each in a savepoint; if that transaction fails as a whole, gives
    /// each item a transaction of its own. What `GroupCommitter` calls for ingest requests and delivery results.
    ///
    /// An item whose `apply` throws a `StoreError` (its own fault or its data's) fails alone: its savepoint is rolled
    /// back and the others commit. Any other error (a lost connection, a deadlock) fails the transaction, and the
    /// items are then retried one per transaction. `prepare` runs first in every transaction with the items it holds
    /// (ingestion takes its advisory locks there). The transactions count as `operation` in the pool's metrics.
    func commitBatch<Item: Sendable, Value: Sendable>(
        _ batch: [Item], operation: PostgresOperation, logger: Logger,
        prepare: ([Item], PostgresConnection) async throws -> Void = { _, _ in },
        apply: (Item, PostgresConnection) async throws -> Value
    ) async -> (results: [Result<Value, any Error>], transactions: Int) {
        do {
            let results = try await transaction(operation, logger: logger) { connection in
                try await prepare(batch, connection)
                var results: [Result<Value, any Error>] = []
                for item in batch {
                    try await connection.query("SAVEPOINT item", logger: logger)
                    do {
                        let value = try await apply(item, connection)
                        try await connection.query("RELEASE SAVEPOINT item", logger: logger)
                        results.append(.success(value))
                    } catch let error as StoreError {
                        try await connection.query("ROLLBACK TO SAVEPOINT item", logger: logger)
                        results.append(.failure(error))
                    }
                }
                return results
            }
            return (results, 1)
        } catch {
            var results: [Result<Value, any Error>] = []
            for item in batch {
                do {
                    results.append(.success(try await transaction(operation, logger: logger) { connection in
                        try await prepare([item], connection)
                        return try await apply(item, connection)
                    }))
                } catch {
                    results.append(.failure(error))
                }
            }
            return (results, batch.count)
        }
    }

    /// `commitBatch`, abandoned after `batchDeadline` (see `PostgresDeadline`; a batch normally commits in
    /// milliseconds): every item then fails as the database
    /// being out of reach, and the writer goes on with the next batch. Whether the stalled transaction ever commits,
    /// the client was told 503 and retries, and the alert is deduplicated.
    func commitBatchAbandoning<Item: Sendable, Value: Sendable>(
        _ batch: [Item], logger: Logger,
        _ commit: @escaping @Sendable () async -> (results: [Result<Value, any Error>], transactions: Int)
    ) async -> (results: [Result<Value, any Error>], transactions: Int) {
        let deadline = batchDeadline
        do {
            return try await PostgresDeadline.run(deadline, what: "\(batch.count) write(s)", logger: logger) {
                await commit()
            }
        } catch {
            return (batch.map { _ in .failure(error) }, 1)
        }
    }
}

/// Runs a PostgreSQL operation in a task of its own and stops waiting for it after a deadline.
///
/// When PostgreSQL shuts down (`pg_ctl stop -m fast`) while a command is in flight, PostgresNIO 1.33 has been seen to
/// leave that command waiting for good, the server's session already gone; closing the connection does not end the
/// wait. Whoever awaits it (a group-commit writer, a request) would wait for good too. The stalled operation is left
/// behind, holding one pooled connection, and the caller gets `StoreUnavailable(.unreachable)`, answered 503.
enum PostgresDeadline {
    static func run<Value: Sendable>(
        _ deadline: Duration, what: String, logger: Logger,
        _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let answered = NIOLockedValueBox(false)
            let answer: @Sendable (Result<Value, any Error>) -> Void = { result in
                let first = answered.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
            }
            let timer = Task {
                try await Task.sleep(for: deadline)
                logger.error("store.transaction_stalled", metadata: [
                    "deadline": .string("\(deadline)"), "operation": .string(what),
                    "action": "answering 503 and going on; the stalled command is left behind",
                ])
                answer(.failure(StoreUnavailable(.unreachable("\(what) did not finish within \(deadline)"))))
            }
            Task {
                let result: Result<Value, any Error>
                do {
                    result = .success(try await operation())
                } catch {
                    result = .failure(error)
                }
                timer.cancel()
                answer(result)
            }
        }
    }
}
