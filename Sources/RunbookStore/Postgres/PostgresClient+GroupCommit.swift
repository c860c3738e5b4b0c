import Logging
import NIOConcurrencyHelpers
import PostgresNIO

extension PostgresClient {
    /// Commits a batch of writes in one transaction, each in a savepoint; if that transaction fails as a whole, gives
    /// each item a transaction of its own. What `GroupCommitter` calls for ingest requests and delivery results.
    ///
    /// An item whose `apply` throws a `StoreError` (its own fault or its data's) fails alone: its savepoint is rolled
    /// back and the others commit. Any other error (a lost connection, a deadlock) fails the transaction, and the
    /// items are then retried one per transaction. `prepare` runs first in every transaction with the items it holds
    /// (ingestion takes its advisory locks there).
    func commitBatch<Item: Sendable, Value: Sendable>(
        _ batch: [Item], logger: Logger,
        prepare: ([Item], PostgresConnection) async throws -> Void = { _, _ in },
        apply: (Item, PostgresConnection) async throws -> Value
    ) async -> (results: [Result<Value, any Error>], transactions: Int) {
        do {
            let results = try await transaction(logger: logger) { connection in
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
                    results.append(.success(try await transaction(logger: logger) { connection in
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

    /// How long one batch may take to commit before its writes are answered as failed (`abandoning`): a batch
    /// normally commits in milliseconds.
    static let batchDeadline: Duration = .seconds(10)

    /// `commitBatch`, run in a task of its own: when it has not finished after `batchDeadline`, every item fails as
    /// the database being out of reach, and the writer goes on with the next batch.
    ///
    /// When PostgreSQL shuts down (`pg_ctl stop -m fast`) while a command is in flight, PostgresNIO 1.33 has been seen
    /// to leave that command waiting for good, the server's session already gone, and closing the connection does
    /// not end the wait. A group-commit writer waiting on it would stall every later write of its node. The stalled
    /// transaction is left behind (it holds one pooled connection); whether it ever commits, the client was told 503
    /// and retries, and the alert is deduplicated.
    func commitBatchAbandoning<Item: Sendable, Value: Sendable>(
        _ batch: [Item], logger: Logger,
        _ commit: @escaping @Sendable () async -> (results: [Result<Value, any Error>], transactions: Int)
    ) async -> (results: [Result<Value, any Error>], transactions: Int) {
        await withCheckedContinuation { continuation in
            let answered = NIOLockedValueBox(false)
            let answer: @Sendable ((results: [Result<Value, any Error>], transactions: Int)) -> Void = { value in
                let first = answered.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            let deadline = Self.batchDeadline
            let timer = Task {
                try await Task.sleep(for: deadline)
                logger.error("store.transaction_stalled", metadata: [
                    "deadline": .string("\(deadline)"), "writes": .stringConvertible(batch.count),
                    "action": "answering these writes 503 and going on; the stalled transaction is left behind",
                ])
                let failure = StoreUnavailable(.unreachable("the transaction did not finish within \(deadline)"))
                answer((batch.map { _ in .failure(failure) }, 1))
            }
            Task {
                let value = await commit()
                timer.cancel()
                answer(value)
            }
        }
    }
}
