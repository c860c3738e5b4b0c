import Foundation

/// The webhook signatures seen lately, so a captured request cannot be replayed.
///
/// Sentry signs only the body: `Sentry-Hook-Timestamp` is not covered, so a captured request replays with a fresh
/// timestamp and a valid signature. Remembering each accepted signature is the defence. They are kept for
/// `retention` (a day by default, far past the 5-minute timestamp window) and at most `capacity` of them; when
/// full, the oldest is forgotten first. A value type without I/O; the caller keeps it behind a lock and passes
/// the time in.
struct SeenSignatures: Sendable {
    /// How long a signature is remembered.
    let retention: TimeInterval
    /// The most signatures remembered.
    let capacity: Int
    private var expiries: [String: Date] = [:]
    /// Signatures in the order they were first recorded, with their expiry; `head` is the oldest still queued.
    private var queue: [(signature: String, expires: Date)] = []
    private var head = 0

    /// Remembers up to `capacity` signatures for `retention` each.
    init(retention: TimeInterval = 86_400, capacity: Int = 100_000) {
        self.retention = retention
        self.capacity = max(1, capacity)
    }

    /// The number of signatures remembered.
    var count: Int { expiries.count }

    /// Records `signature` as seen at `now`; false when it was already seen and is still remembered (a replay).
    mutating func record(_ signature: String, at now: Date) -> Bool {
        forgetExpired(at: now)
        if let expiry = expiries[signature], expiry > now { return false }
        while expiries.count >= capacity, head < queue.count {
            forgetOldest()
        }
        let expires = now.addingTimeInterval(retention)
        expiries[signature] = expires
        queue.append((signature, expires))
        return true
    }

    /// Forgets `signature`, so the same request may be sent again (its first delivery was not stored).
    mutating func forget(_ signature: String) {
        expiries[signature] = nil
    }

    private mutating func forgetExpired(at now: Date) {
        while head < queue.count, queue[head].expires <= now {
            forgetOldest()
        }
    }

    private mutating func forgetOldest() {
        let oldest = queue[head]
        if expiries[oldest.signature] == oldest.expires { expiries[oldest.signature] = nil }
        head += 1
        if head > 1_024, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
