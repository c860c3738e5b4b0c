import Logging
import PostgresNIO

/// The store's connection pool: PostgresNIO's `PostgresClient`, with every lease counted and timed
/// (`PostgresPoolMetrics`).
///
/// PostgresNIO 1.33 keeps its pool's observer internal, so the store leases through this wrapper, which knows how many
/// connections are in use, how many callers wait for one and how long, and how long each kind of operation holds one.
/// A one-off `query` reads its rows in full before the connection goes back, so that the lease ends where it is
/// counted.
///
/// ```swift
/// let rows = try await pool.query("SELECT count(*) FROM incidents", operation: .list, logger: logger)
/// for try await count in rows.decode(Int64.self) { print(count) }
/// ```
struct PostgresPool: Sendable {
    let client: PostgresClient
    let metrics: PostgresPoolMetrics
    /// How long one group-commit batch may take before its writes are answered as failed (`commitBatchAbandoning`).
    var batchDeadline: Duration = .seconds(10)

    /// Serves the pool's connections until the task is cancelled (`PostgresClient.run`).
    func run() async {
        await client.run()
    }

    /// Leases a connection for `body`, counted as `operation`.
    func withConnection<Result: Sendable>(
        _ operation: PostgresOperation = .other, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let asked = metrics.asked()
        var granted: ContinuousClock.Instant?
        defer {
            if let granted {
                metrics.returned(operation, grantedAt: granted)
            } else {
                metrics.gaveUp()
            }
        }
        return try await client.withConnection { connection in
            granted = metrics.granted(askedAt: asked)
            return try await body(connection)
        }
    }

    /// Runs `query` on a leased connection and reads every row.
    @discardableResult
    func query(
        _ query: PostgresQuery, operation: PostgresOperation = .other, logger: Logger
    ) async throws -> PostgresRows {
        try await withConnection(operation) { connection in
            PostgresRows(rows: try await connection.query(query, logger: logger).collect())
        }
    }

    /// Runs `body` in a transaction on a leased connection, counted as `operation`; a closure's error that was
    /// rolled back cleanly is thrown as it was.
    ///
    /// PostgresNIO wraps every error of a transaction in `PostgresTransactionError`; the store's callers must see a
    /// `StoreError` as such, to answer the client's fault with a 4xx.
    func transaction<Result: Sendable>(
        _ operation: PostgresOperation = .other, logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await withConnection(operation) { connection in
                try await connection.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        } catch let error as PostgresTransactionError {
            if let closureError = error.closureError, error.rollbackError == nil {
                throw closureError
            }
            throw error
        }
    }
}
