import Foundation

/// The dispatcher's time: what `now` is and how it waits. Tests pass one they move by hand.
public protocol DispatcherClock: Sendable {
    /// The current time.
    var now: Date { get }

    /// Waits `seconds` (or returns early, throwing, when the task is cancelled).
    func sleep(for seconds: TimeInterval) async throws
}

/// Real sleeps, and the wall clock unless the server passes its own `now`.
public struct SystemDispatcherClock: DispatcherClock {
    private let current: @Sendable () -> Date

    /// A clock reading `now` (the wall clock by default).
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        current = now
    }

    public var now: Date {
        current()
    }

    /// Sleeps for real, in whole milliseconds.
    public func sleep(for seconds: TimeInterval) async throws {
        try await Task.sleep(for: .milliseconds(Int64(max(0, seconds) * 1000)))
    }
}
