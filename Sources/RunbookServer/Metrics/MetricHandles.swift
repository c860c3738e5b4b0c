import NIOConcurrencyHelpers

/// Metric handles made once per label set and then reused.
///
/// Making a handle through the factory (`Counter(label:dimensions:factory:)`) checks the metric's name and label
/// names and looks the series up under the factory's lock: done for every request, that was a visible share of a
/// 1-alert request. A handle found here costs one lookup under this lock instead. Keys must come from small fixed
/// sets, as label values must anyway.
final class MetricHandles<Key: Hashable & Sendable, Handle: Sendable>: Sendable {
    private let handles = NIOLockedValueBox<[Key: Handle]>([:])

    /// The handle kept for `key`, made by `make` the first time.
    func handle(_ key: Key, make: () -> Handle) -> Handle {
        handles.withLockedValue { handles in
            if let handle = handles[key] { return handle }
            let handle = make()
            handles[key] = handle
            return handle
        }
    }
}
