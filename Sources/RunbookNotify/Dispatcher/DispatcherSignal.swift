import NIOConcurrencyHelpers

/// Wakes the dispatcher before its poll interval: ingest and the operator API poke it when they queued
/// deliveries, so a new incident is sent at once rather than at the next poll.
///
/// A poke while the dispatcher is busy is remembered, so its next wait returns at once.
public final class DispatcherSignal: Sendable {
    private struct State {
        var poked = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = NIOLockedValueBox(State())

    /// A signal nobody has poked yet.
    public init() {}

    /// Wakes the dispatcher (or has its next wait return at once).
    public func poke() {
        let waiters = state.withLockedValue { state in
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll()
            if waiters.isEmpty { state.poked = true }
            return waiters
        }
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// Returns when poked (at once if poked since the last wait) or when the task is cancelled.
    func wait() async {
        let id = state.withLockedValue { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { state -> Bool in
                    if state.poked || Task.isCancelled {
                        state.poked = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLockedValue { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
