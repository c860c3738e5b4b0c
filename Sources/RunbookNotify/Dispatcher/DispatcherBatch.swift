import Foundation

/// What one dispatcher loop did: for the batch log line, and for tests.
public struct DispatcherBatch: Sendable, Hashable {
    /// Deliveries `planScheduled` wrote (repeats, silence ends).
    public var scheduled = 0
    public var claimed = 0
    public var sent = 0
    /// Failed, due again later.
    public var retried = 0
    /// Given up: dead.
    public var dead = 0
    /// Cut short by shutdown, left to be tried again when their lease ends.
    public var abandoned = 0
    /// Runbook's own incidents raised for dead deliveries (one per channel at most).
    public var raised = 0
    /// Seconds of the slowest send.
    public var slowestSend: TimeInterval = 0

    /// An empty tally.
    public init() {}
}
