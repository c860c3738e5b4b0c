import Foundation

/// When a failed delivery is tried again: exponential backoff with full jitter, capped, given up after a while.
///
/// The n-th retry waits a random time between zero and `min(maxDelay, firstDelay × 2ⁿ⁻¹)`; a delivery still
/// failing `giveUpAfter` seconds after its retry period began is dead.
public struct RetryPolicy: Sendable, Hashable {
    public var firstDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var giveUpAfter: TimeInterval

    public init(firstDelay: TimeInterval = 1, maxDelay: TimeInterval = 3600, giveUpAfter: TimeInterval = 86_400) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.giveUpAfter = giveUpAfter
    }
}
