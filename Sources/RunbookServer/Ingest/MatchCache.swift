import NIOConcurrencyHelpers
import RunbookCore
import RunbookStore

/// The matches of recently seen alerts under the current library snapshot, in their stored form: a storm that
/// repeats a few alerts is matched (and its match list encoded and hashed) once per distinct input, not once per
/// alert.
///
/// Keyed by `MatchInput`, which holds all that a match depends on, so a hit gives the answer matching would have
/// given. Held for one index at a time: a library reload (a new `MatchIndex`) empties it. Bounded: past `capacity`
/// inputs, the one used longest ago is forgotten.
///
/// New inputs (every alert of a fleet has its own `instance`, often named in its summary too) mostly build a query
/// seen before, the host's words being left out of it: such an alert is looked up by its `PreparedMatch` and not
/// ranked again. Recent match lists are kept too, by their value, so a new query whose answer is a known list
/// reuses the list's stored form (its JSON text and digest) instead of encoding and hashing it again.
final class MatchCache: Sendable {
    private struct State {
        var index: MatchIndex?
        var entries: RecentlyUsedCache<HashedKey<MatchInput>, MatchSet>
        var prepared: RecentlyUsedCache<HashedKey<PreparedMatch>, MatchSet>
        var sets: RecentlyUsedCache<HashedKey<[Match]>, MatchSet>

        init(capacity: Int, setCapacity: Int) {
            entries = RecentlyUsedCache(capacity: capacity)
            prepared = RecentlyUsedCache(capacity: capacity)
            sets = RecentlyUsedCache(capacity: setCapacity)
        }
    }

    private let state: NIOLockedValueBox<State>
    let capacity: Int
    /// Most distinct match lists kept for reuse.
    let setCapacity: Int

    /// An empty cache of at most `capacity` inputs (and as many prepared matches) and `setCapacity` match lists.
    init(capacity: Int = 1_024, setCapacity: Int = 256) {
        self.capacity = capacity
        self.setCapacity = setCapacity
        state = NIOLockedValueBox(State(capacity: capacity, setCapacity: setCapacity))
    }

    /// The matches of `alert` (whose key is `key`) in `snapshot`, with their stored form when it could be made.
    ///
    /// Looked up by the alert's input first (a repeat costs a hash), then by its prepared match (a new alert of a
    /// known kind costs building its query, not ranking), then by the match list (a new list costs no encoding
    /// when an equal one was stored).
    func matches(for alert: Alert, key: String, in snapshot: LibrarySnapshot) -> (matches: [Match], set: MatchSet?) {
        let input = HashedKey(MatchInput(alert: alert, key: key))
        let index = snapshot.index
        let cached = state.withLockedValue { state in
            state.index === index ? state.entries.value(for: input) : nil
        }
        if let cached { return (cached.matches, cached) }
        let prepared = HashedKey(index.prepare(alert, key: key))
        let ranked = state.withLockedValue { state in
            state.index === index ? state.prepared.value(for: prepared) : nil
        }
        if let ranked {
            remember(ranked, input: input, prepared: prepared, matches: nil, index: index)
            return (ranked.matches, ranked)
        }
        let matches = index.match(prepared.base)
        let known = state.withLockedValue { state in
            state.index === index ? state.sets.value(for: HashedKey(matches)) : nil
        }
        // A score that is not finite cannot be stored: the store then refuses the request, as without the cache.
        guard let set = known ?? (try? MatchSet(matches: matches, libraryRevision: snapshot.revision)) else {
            return (matches, nil)
        }
        remember(set, input: input, prepared: prepared, matches: matches, index: index)
        return (matches, set)
    }

    /// Keeps `set` for the input, the prepared match and (when given) the match list, under `index`.
    private func remember(
        _ set: MatchSet, input: HashedKey<MatchInput>, prepared: HashedKey<PreparedMatch>, matches: [Match]?,
        index: MatchIndex
    ) {
        state.withLockedValue { state in
            if state.index !== index {
                state = State(capacity: capacity, setCapacity: setCapacity)
                state.index = index
            }
            state.entries.set(set, for: input)
            state.prepared.set(set, for: prepared)
            if let matches { state.sets.set(set, for: HashedKey(matches)) }
        }
    }

    /// The inputs held now, for tests.
    var count: Int {
        state.withLockedValue { $0.entries.count }
    }

    /// The distinct prepared matches held now, for tests.
    var preparedCount: Int {
        state.withLockedValue { $0.prepared.count }
    }

    /// The distinct match lists held now, for tests.
    var setCount: Int {
        state.withLockedValue { $0.sets.count }
    }
}

/// A key whose hash is worked out once: a cache that looks a key up, stores it and later evicts it hashes an
/// `Int` three times instead of the key's strings.
struct HashedKey<Base: Hashable & Sendable>: Hashable, Sendable {
    let base: Base
    private let hash: Int

    init(_ base: Base) {
        self.base = base
        hash = base.hashValue
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    static func == (left: HashedKey, right: HashedKey) -> Bool {
        left.hash == right.hash && left.base == right.base
    }
}
