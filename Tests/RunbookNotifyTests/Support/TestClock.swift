import Foundation
import NIOConcurrencyHelpers

@testable import RunbookNotify

/// A dispatcher clock that only moves when the test says; its sleeps never end on their own (only a poke or
/// cancellation wakes a dispatcher that uses it).
final class TestClock: DispatcherClock {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date) {
        current = NIOLockedValueBox(start)
    }

    var now: Date {
        current.withLockedValue { $0 }
    }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    func set(_ date: Date) {
        current.withLockedValue { $0 = date }
    }

    func sleep(for seconds: TimeInterval) async throws {
        try await Task.sleep(for: .seconds(86_400))
    }
}
