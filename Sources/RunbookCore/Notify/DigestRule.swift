/// Where a delivery planned during a storm is written, given its route's digest: the outbox's digest states.
///
/// A route in a storm lists its new incidents in one digest per channel and digest time instead of sending each
/// alone. The first delivery held for a digest writes the digest too; later ones are held while it is pending;
/// once it has gone out (or been given up) it cannot list them any more, so they are sent on their own.
///
/// ```swift
/// switch DigestRule.placement(of: planned, digest: .pending) {
/// case .alone: writePending(planned, digestAt: nil)
/// case .held(let writesDigest): ...
/// }
/// ```
public enum DigestRule {
    /// What the outbox holds of the digest for one route, channel and digest time.
    public enum Digest: Sendable, Hashable {
        /// No digest written yet.
        case absent
        /// Written and waiting for its time: it still lists what is held for it.
        case pending
        /// Sent, or given up: it lists nothing more.
        case closed
    }

    /// How a planned delivery is written.
    public enum Placement: Sendable, Hashable {
        /// Pending on its own, with no digest time.
        case alone
        /// Held for its digest, keeping its digest time; `writesDigest` when the digest must be written first
        /// (pending, due at the digest time).
        case held(writesDigest: Bool)
    }

    /// Where `planned` goes when its route's digest for its channel and digest time is `digest`.
    ///
    /// Without a digest time the delivery goes alone and `digest` is not looked at, so a store need not read it.
    public static func placement(of planned: PlannedDelivery, digest: Digest) -> Placement {
        guard planned.digestAt != nil else { return .alone }
        switch digest {
        case .absent: return .held(writesDigest: true)
        case .pending: return .held(writesDigest: false)
        case .closed: return .alone
        }
    }
}
