import Foundation

/// A map of at most `capacity` entries that, when full, forgets the entry used longest ago (not all of them).
///
/// A value type whose operations do no I/O; callers keep it behind a lock. Used for SNS signing keys by
/// certificate URL: a flood of distinct (valid-looking) URLs evicts one key at a time, and the keys in use stay.
struct RecentlyUsedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var entries: [Key: (value: Value, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    /// An empty cache holding up to `capacity` entries (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The number of entries held.
    var count: Int { entries.count }

    /// The value for `key`, marking it as just used.
    mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    /// Stores `value` for `key`; when the cache is full, the least recently used other entry is forgotten.
    mutating func set(_ value: Value, for key: Key) {
        clock += 1
        if entries[key] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
            entries[oldest] = nil
        }
        entries[key] = (value, clock)
    }

    /// True when `key` is held, without marking it used.
    func contains(_ key: Key) -> Bool {
        entries[key] != nil
    }
}
