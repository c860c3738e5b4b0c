import Foundation
import NIOConcurrencyHelpers

/// Holds the current `LibrarySnapshot` and swaps in a new one atomically.
///
/// Readers take the whole snapshot under a lock held only for the pointer copy, so a reload never blocks a
/// request for longer than that, and no request ever sees half an index. Those that must act on each new
/// snapshot (the bindings audit) follow ``updates()``.
public final class LibraryHolder: Sendable {
    private let box: NIOLockedValueBox<LibrarySnapshot?>
    private let followers = NIOLockedValueBox<[UUID: AsyncStream<LibrarySnapshot>.Continuation]>([:])

    /// A holder with `snapshot`, or empty until the first load.
    public init(_ snapshot: LibrarySnapshot? = nil) {
        box = NIOLockedValueBox(snapshot)
    }

    /// The snapshot requests should use; nil before the first successful load.
    public var current: LibrarySnapshot? {
        box.withLockedValue { $0 }
    }

    /// Publishes `snapshot`, returning the one it replaced.
    @discardableResult
    public func replace(with snapshot: LibrarySnapshot) -> LibrarySnapshot? {
        let previous = box.withLockedValue { current in
            defer { current = snapshot }
            return current
        }
        for follower in followers.withLockedValue({ Array($0.values) }) {
            follower.yield(snapshot)
        }
        return previous
    }

    /// Every snapshot published from now on, newest kept when the reader falls behind; ends when cancelled.
    public func updates() -> AsyncStream<LibrarySnapshot> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<LibrarySnapshot>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.onTermination = { [followers] _ in
            followers.withLockedValue { _ = $0.removeValue(forKey: id) }
        }
        followers.withLockedValue { $0[id] = continuation }
        return stream
    }
}
