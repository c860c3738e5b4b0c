/// Bigram term ids by `MatchIndexBuilder.bigramKey` of their two words' ids.
///
/// Indexing looks a bigram up after nearly every word of a text field; open addressing on a multiplicative
/// hash of the 64-bit key is several times cheaper than `Dictionary`'s seeded hashing.
struct BigramTable: Sendable {
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)
    /// Term id + 1 per slot, 0 when empty; the capacity is a power of two, kept at most half full.
    private var values: [Int32] = Array(repeating: 0, count: 1024)

    /// The number of bigrams stored.
    private(set) var count = 0

    /// The term id of the bigram `key`, nil when none was stored.
    subscript(key: UInt64) -> Int32? {
        var slot = BigramTable.slot(key, capacity: keys.count)
        while values[slot] != 0 {
            if keys[slot] == key { return values[slot] - 1 }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    /// Stores `id` as the term id of the bigram `key`, which must not be stored yet.
    mutating func insert(_ key: UInt64, id: Int32) {
        var slot = BigramTable.slot(key, capacity: keys.count)
        while values[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = key
        values[slot] = id + 1
        count += 1
        if count * 2 > keys.count { grow() }
    }

    /// Every stored bigram's key and term id, in no particular order.
    var pairs: [(key: UInt64, id: Int32)] {
        zip(keys, values).compactMap { key, value in value == 0 ? nil : (key, value - 1) }
    }

    private mutating func grow() {
        let old = pairs
        keys = Array(repeating: 0, count: keys.count * 2)
        values = Array(repeating: 0, count: keys.count)
        count = 0
        for (key, id) in old { insert(key, id: id) }
    }

    private static func slot(_ key: UInt64, capacity: Int) -> Int {
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & (capacity - 1)
    }
}
