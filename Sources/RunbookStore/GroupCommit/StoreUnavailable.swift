import GRDB

/// The store cannot take a write now, through no fault of the request: answered 503 with `Retry-After`.
///
/// ```swift
/// if let unavailable = StoreUnavailable(classifying: error), unavailable.reason == .full { ... }
/// ```
public struct StoreUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the write was refused.
    public enum Reason: Sendable, Equatable {
        /// `limit` writes already wait for the writer (`StoreConfiguration.maxQueuedWrites`).
        case overloaded(limit: Int)
        /// The disk holding the database is full (SQLite's `SQLITE_FULL`, the system's `ENOSPC`).
        case full
        /// The database server cannot be reached, or is shutting down (PostgreSQL); the detail says where and why,
        /// for the log, not for the client.
        case unreachable(String)
    }

    public let reason: Reason

    /// An error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The unavailability `error` means, if it means one: itself, a database error for a full disk, or a lost
    /// connection to PostgreSQL.
    public init?(classifying error: any Error) {
        if let unavailable = error as? StoreUnavailable {
            self = unavailable
        } else if let database = error as? DatabaseError, database.resultCode == .SQLITE_FULL {
            self.init(.full)
        } else if PostgresFailure.isUnreachable(error) {
            self.init(.unreachable((error as? PostgresFailure)?.description ?? String(reflecting: error)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch reason {
        case .overloaded(let limit): "\(limit) writes already wait for the database writer"
        case .full: "the disk holding the database is full"
        case .unreachable(let detail): detail
        }
    }
}
