import Foundation

/// The dispatcher's time: what `now` is and how it waits. Tests pass one they move by hand.
public protocol DispatcherClock: Sendable {
    /// The current time.
    var now: Date { get }

    /// Waits `seconds` (or returns early, throwing, when the task is cancelled).
    func sleep(for seconds: TimeInterval) async throws
}

/// The wall clock and real sleeps.
public struct SystemDispatcherClock: DispatcherClock {
    public init() {}

    public var now: Date {
        Date()
    }

    public func sleep(for seconds: TimeInterval) async throws {
        try await Task.sleep(for: .milliseconds(Int64(max(0, seconds) * 1000)))
    }
}
