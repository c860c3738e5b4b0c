import Logging
import PostgresNIO

extension PostgresClient {
    /// `withTransaction`, but a closure's error that was rolled back cleanly is thrown as it was.
    ///
    /// PostgresNIO wraps every error of a transaction in `PostgresTransactionError`; the store's callers must see a
    /// `StoreError` as such, to answer the client's fault with a 4xx.
    func transaction<Result: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let closureError = error.closureError, error.rollbackError == nil {
                throw closureError
            }
            throw error
        }
    }
}
