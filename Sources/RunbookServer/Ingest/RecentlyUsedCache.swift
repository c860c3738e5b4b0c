import Foundation

/// A map of at most `capacity` entries that, when full, forgets the entry used longest ago (not all of them).
///
/// A value type whose operations do no I/O; callers keep it behind a lock. Used for SNS signing keys by
/// certificate URL (a flood of distinct, valid-looking URLs evicts one key at a time, and the keys in use stay),
/// and for match lists by alert input, where a stream of new alerts evicts on every insert: every operation is
/// O(1). The entries live in `slots`, linked from the most recently used to the least by slot numbers, so an
/// eviction neither scans nor copies the other entries.
struct RecentlyUsedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: Key
        var value: Value
        /// The slot used just after this one (towards the newest), or `none`.
        var newer: Int
        /// The slot used just before this one (towards the oldest), or `none`.
        var older: Int
    }

    private static var none: Int { -1 }

    private var slots: [Slot] = []
    private var positions: [Key: Int] = [:]
    private var newest = RecentlyUsedCache.none
    private var oldest = RecentlyUsedCache.none
    let capacity: Int

    /// An empty cache holding up to `capacity` entries (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The number of entries held.
    var count: Int { slots.count }

    /// The value for `key`, marking it as just used.
    mutating func value(for key: Key) -> Value? {
        guard let slot = positions[key] else { return nil }
        markUsed(slot)
        return slots[slot].value
    }

    /// Stores `value` for `key`; when the cache is full, the least recently used other entry is forgotten.
    mutating func set(_ value: Value, for key: Key) {
        if let slot = positions[key] {
            slots[slot].value = value
            markUsed(slot)
            return
        }
        if slots.count < capacity {
            slots.append(Slot(key: key, value: value, newer: Self.none, older: Self.none))
            let slot = slots.count - 1
            positions[key] = slot
            pushNewest(slot)
            return
        }
        // Full: the oldest slot takes the new entry.
        let slot = oldest
        unlink(slot)
        positions[slots[slot].key] = nil
        slots[slot].key = key
        slots[slot].value = value
        positions[key] = slot
        pushNewest(slot)
    }

    /// True when `key` is held, without marking it used.
    func contains(_ key: Key) -> Bool {
        positions[key] != nil
    }

    /// The keys from the most recently used to the least, for tests.
    var keysByRecency: [Key] {
        var keys: [Key] = []
        var slot = newest
        while slot != Self.none {
            keys.append(slots[slot].key)
            slot = slots[slot].older
        }
        return keys
    }

    private mutating func markUsed(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        pushNewest(slot)
    }

    private mutating func unlink(_ slot: Int) {
        let newer = slots[slot].newer
        let older = slots[slot].older
        if newer != Self.none { slots[newer].older = older } else { newest = older }
        if older != Self.none { slots[older].newer = newer } else { oldest = newer }
        slots[slot].newer = Self.none
        slots[slot].older = Self.none
    }

    private mutating func pushNewest(_ slot: Int) {
        slots[slot].older = newest
        slots[slot].newer = Self.none
        if newest != Self.none { slots[newest].newer = slot }
        newest = slot
        if oldest == Self.none { oldest = slot }
    }
}
