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
    }

    public let reason: Reason

    /// An error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The unavailability `error` means, if it means one: itself, or a database error for a full disk.
    public init?(classifying error: any Error) {
        if let unavailable = error as? StoreUnavailable {
            self = unavailable
        } else if let database = error as? DatabaseError, database.resultCode == .SQLITE_FULL {
            self.init(.full)
        } else {
            return nil
        }
    }

    public var description: String {
        switch reason {
        case .overloaded(let limit): "\(limit) writes already wait for the database writer"
        case .full: "the disk holding the database is full"
        }
    }
}
