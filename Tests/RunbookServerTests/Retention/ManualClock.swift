import NIOConcurrencyHelpers

/// A clock that only moves when a test advances it; sleepers wake when their deadline is reached.
///
/// `sleepers` yields each time something starts sleeping, so a test waits for the code under test to reach
/// its next sleep instead of waiting for time to pass.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var waiting: [(deadline: Instant, continuation: CheckedContinuation<Void, any Error>)] = []
    }

    private let state = NIOLockedValueBox(State())
    /// Yields the deadline of every sleep that starts.
    let sleepers: AsyncStream<Instant>
    private let sleeperContinuation: AsyncStream<Instant>.Continuation

    init() {
        (sleepers, sleeperContinuation) = AsyncStream.makeStream()
    }

    var now: Instant { state.withLockedValue { $0.now } }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let due = state.withLockedValue { state in
                guard deadline > state.now else { return true }
                state.waiting.append((deadline, continuation))
                return false
            }
            sleeperContinuation.yield(deadline)
            if due { continuation.resume() }
        }
        try Task.checkCancellation()
    }

    /// Moves time on and wakes every sleeper whose deadline has come.
    func advance(by duration: Duration) {
        let due = state.withLockedValue { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.waiting.filter { $0.deadline <= now }
            state.waiting.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Wakes every sleeper with a cancellation error, so a test can end the task using the clock.
    func cancelAll() {
        let waiting = state.withLockedValue { state in
            defer { state.waiting = [] }
            return state.waiting
        }
        for sleeper in waiting { sleeper.continuation.resume(throwing: CancellationError()) }
    }
}
