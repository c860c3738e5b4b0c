import NIOConcurrencyHelpers

/// Holds the current `LibrarySnapshot` and swaps in a new one atomically.
///
/// Readers take the whole snapshot under a lock held only for the pointer copy, so a reload never blocks a
/// request for longer than that, and no request ever sees half an index.
public final class LibraryHolder: Sendable {
    private let box: NIOLockedValueBox<LibrarySnapshot?>

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
        box.withLockedValue { current in
            defer { current = snapshot }
            return current
        }
    }
}
