/// How long a connection may take to send a request, and how much load the server takes before it sheds it.
///
/// Every limit answers an attack or a fault the server must survive: drip-fed headers (`headerTimeout`), a body
/// that stalls (`bodyTimeout`), connections left open (`idleTimeout`, `maxConnections`), a flood of requests
/// (`maxInFlight`, `maxQueuedWrites`) and a flood of health checks (`heartbeatInterval`). docs/OPERATIONS.md
/// says what an operator sees when each is hit.
///
/// ```swift
/// var limits = ServerLimits()
/// limits.headerTimeout = .seconds(5)
/// ```
public struct ServerLimits: Sendable, Equatable {
    /// Longest time from a request's first byte to the end of its headers; the connection is closed after it.
    public var headerTimeout = Duration.seconds(10)
    /// Longest time from the end of a request's headers to the end of its body.
    public var bodyTimeout = Duration.seconds(30)
    /// Longest time a connection may sit with no request before it is closed (keep-alive included).
    public var idleTimeout = Duration.seconds(60)
    /// Most connections open at once; further ones wait in the listen backlog until one closes.
    public var maxConnections = 1_024
    /// Most requests handled at once; more are answered 503 with `Retry-After` at once.
    public var maxInFlight = 256
    /// Most ingest requests waiting for the database writer; more are answered 503 with `Retry-After`.
    public var maxQueuedWrites = 2_048
    /// `/__heartbeat__` runs its checks at most once per interval; callers in between share the last report.
    public var heartbeatInterval = Duration.seconds(2)
    /// Longest time one heartbeat check may take before it is cancelled and reported as failed.
    public var heartbeatTimeout = Duration.seconds(5)

    /// The defaults.
    public init() {}
}
