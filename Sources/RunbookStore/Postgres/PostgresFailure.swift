import PostgresNIO

/// A PostgreSQL error said plainly, for logs and `/__heartbeat__`.
///
/// `PSQLError` describes itself with one generic sentence, so that a careless caller leaks nothing into a response;
/// this names the database's address (never its password), what failed, and the server's own message and SQLSTATE
/// (never the query or its values).
public struct PostgresFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// Whether the database could not be reached (rather than refusing a statement): a 503, not a 500.
    public let isUnreachable: Bool

    /// `error` as thrown by PostgresNIO, in a transaction or not, against the database at `location`.
    public init(_ error: any Error, location: PostgresLocation) {
        let place = "PostgreSQL at \(location.host):\(location.port)/\(location.database)"
        isUnreachable = Self.isUnreachable(error)
        let error = Self.unwrapped(error)
        guard let psql = error as? PSQLError else {
            // The pool's own error type lives in an underscored module of PostgresNIO, not imported for one message.
            let text = String(describing: error)
            if text.contains("connectionCreationCircuitBreakerTripped") {
                description = "cannot reach \(place): no connection could be opened for a while; the pool keeps trying"
            } else if text.contains("poolShutdown") {
                description = "the connections to \(place) are closed: the store was closed"
            } else {
                description = "\(place) failed: \(error)"
            }
            return
        }
        switch psql.code {
        case .server:
            let message = psql.serverInfo?[.message] ?? "an error"
            let state = psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            description = "\(place) answered: \(message)\(state)"
        case .connectionError where psql.underlying is NIOSSLError || psql.underlying is NIOSSLExtraError:
            description = "TLS to \(place) failed: \(psql.underlying.map { "\($0)" } ?? "")"
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            let cause = psql.underlying.map { ": \($0)" } ?? ""
            description = "cannot reach \(place) (\(psql.code))\(cause)"
        case .sslUnsupported:
            description = "\(place) does not offer TLS, which the URL's sslmode requires"
        case .failedToAddSSLHandler:
            let cause = psql.underlying.map { ": \($0)" } ?? ""
            description = "TLS to \(place) failed\(cause)"
        default:
            let cause = psql.underlying.map { ": \($0)" } ?? ""
            description = "\(place) failed (\(psql.code))\(cause)"
        }
    }

    /// Whether `error`, as PostgresNIO threw it (or as a `PostgresFailure`), means the database cannot be reached: a
    /// connection that could not be opened or was lost, a server shutting down or not yet accepting connections
    /// (SQLSTATE class 08, 57P01–57P03), a connection closed under a queued command, or a pool that gave up opening
    /// connections.
    static func isUnreachable(_ error: any Error) -> Bool {
        if let failure = error as? PostgresFailure { return failure.isUnreachable }
        let error = unwrapped(error)
        guard let psql = error as? PSQLError else {
            return String(describing: error).contains("connectionCreationCircuitBreakerTripped")
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            // A connection the client closed is one it gave up on: after the server ended the session (57P01 on
            // `pg_ctl stop -m fast`), a command queued on it fails so.
            return true
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        default:
            return false
        }
    }

    /// The error inside a failed transaction, else `error` itself.
    private static func unwrapped(_ error: any Error) -> any Error {
        guard let transaction = error as? PostgresTransactionError else { return error }
        return transaction.beginError ?? transaction.closureError ?? transaction.commitError
            ?? transaction.rollbackError ?? error
    }
}
