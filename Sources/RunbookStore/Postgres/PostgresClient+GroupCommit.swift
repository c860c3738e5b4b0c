import Logging
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
}
