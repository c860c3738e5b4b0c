/// A store operation that could not be done, and whose fault it is.
///
/// Always the client's fault, for the server to answer 4xx (not found, already exists, not allowed now,
/// bad input); any other error a store throws is a server fault.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case notFound, duplicate, conflict, invalid
    }

    private let reason: Reason
    public let message: String

    /// The thing asked for does not exist.
    public static func notFound(_ message: String) -> StoreError { StoreError(reason: .notFound, message: message) }
    /// A thing with that name already exists.
    public static func duplicate(_ message: String) -> StoreError { StoreError(reason: .duplicate, message: message) }
    /// The thing's state does not allow it now.
    public static func conflict(_ message: String) -> StoreError { StoreError(reason: .conflict, message: message) }
    /// The input is malformed (a bad cursor, an empty name).
    public static func invalid(_ message: String) -> StoreError { StoreError(reason: .invalid, message: message) }

    public var isNotFound: Bool { reason == .notFound }
    public var isDuplicate: Bool { reason == .duplicate }
    public var isConflict: Bool { reason == .conflict }
    public var isInvalid: Bool { reason == .invalid }

    public var description: String { message }
}
