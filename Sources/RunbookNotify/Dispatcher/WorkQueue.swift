import NIOConcurrencyHelpers

/// A list several workers take items from, each item once.
final class WorkQueue<Item: Sendable>: Sendable {
    private let state: NIOLockedValueBox<(items: [Item], next: Int)>

    init(_ items: [Item]) {
        state = NIOLockedValueBox((items, 0))
    }

    /// The next item nobody took yet.
    func next() -> Item? {
        state.withLockedValue { state in
            guard state.next < state.items.count else { return nil }
            defer { state.next += 1 }
            return state.items[state.next]
        }
    }
}
