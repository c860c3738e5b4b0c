import Foundation

/// Interns byte strings to dense ids, without building a `String` per lookup.
///
/// Indexing a large library looks up millions of words: keying a `Dictionary` by `String` would allocate
/// and hash Unicode-aware strings each time. The table keeps every term's bytes in one arena and finds them
/// by open addressing on a 64-bit FNV-1a hash.
struct TermTable: Sendable {
    /// Every term's bytes, back to back; term `id` spans `starts[id]..<starts[id + 1]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Whether each id was reserved rather than interned (a reserved id has no slot).
    private var reserved: [Bool] = []
    private var internedCount = 0
    /// Interned term id + 1 per slot, 0 when empty; the capacity is a power of two, kept at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    /// The number of ids given out, reserved ones included.
    var count: Int { hashes.count }

    /// The id of `key`, interning it when new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = TermTable.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash && equals(id, key) { return Int32(id) }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = Int32(hashes.count)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        hashes.append(hash)
        reserved.append(false)
        internedCount += 1
        slots[slot] = id + 1
        if internedCount * 2 > slots.count { grow() }
        return id
    }

    /// A new id that no key finds, for terms named otherwise (a bigram, by its two words' ids).
    mutating func reserve() -> Int32 {
        let id = Int32(hashes.count)
        starts.append(arena.count)
        hashes.append(0)
        reserved.append(true)
        return id
    }

    /// Whether `id` was reserved rather than interned.
    func isReserved(_ id: Int32) -> Bool {
        reserved[Int(id)]
    }

    /// The id of `key`, nil when it was never interned.
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = TermTable.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash && equals(id, key) { return Int32(id) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// The id of `key`, nil when it was never interned.
    func find(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { find($0) }
    }

    /// The bytes of term `id`.
    func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        arena[starts[Int(id)]..<starts[Int(id) + 1]]
    }

    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            guard let stored = arena.baseAddress, let wanted = key.baseAddress else { return key.isEmpty }
            return memcmp(stored + start, wanted, key.count) == 0
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var grown = [Int32](repeating: 0, count: capacity)
        for (id, hash) in hashes.enumerated() where !reserved[id] {
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while grown[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            grown[slot] = Int32(id + 1)
        }
        slots = grown
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}
