/// The error a `HeartbeatCheck` throws to report what is unhealthy, in words.
public struct HeartbeatFailure: Error, Sendable, CustomStringConvertible {
    public let description: String

    /// A failure described by `description`.
    public init(_ description: String) {
        self.description = description
    }
}
