import NIOConcurrencyHelpers
import RunbookCore
import RunbookStore

/// The matches of recently seen alert inputs under the current library snapshot, in their stored form: a storm
/// that repeats a few alerts is matched (and its match list encoded and hashed) once per distinct input, not once
/// per alert.
///
/// Keyed by `MatchInput`, which holds all that a match depends on, so a hit gives the answer matching would have
/// given. Held for one index at a time: a library reload (a new `MatchIndex`) empties it. Bounded: past `capacity`
/// inputs, the one used longest ago is forgotten.
///
/// New inputs (every alert of a fleet has its own `instance`) mostly give a match list seen before: the same
/// entries with the same evidence. Recent lists are kept too, by their value, so such an alert reuses the stored
/// form (its JSON text and digest) instead of encoding and hashing the list again.
final class MatchCache: Sendable {
    private struct State {
        var index: MatchIndex?
        var entries: RecentlyUsedCache<MatchInput, MatchSet>
        var sets: RecentlyUsedCache<[Match], MatchSet>
    }

    private let state: NIOLockedValueBox<State>
    let capacity: Int
    /// Most distinct match lists kept for reuse.
    let setCapacity: Int

    /// An empty cache of at most `capacity` inputs and `setCapacity` match lists.
    init(capacity: Int = 1_024, setCapacity: Int = 256) {
        self.capacity = capacity
        self.setCapacity = setCapacity
        state = NIOLockedValueBox(State(
            entries: RecentlyUsedCache(capacity: capacity), sets: RecentlyUsedCache(capacity: setCapacity)))
    }

    /// The matches of `alert` (whose key is `key`) in `snapshot`, with their stored form when it could be made.
    func matches(for alert: Alert, key: String, in snapshot: LibrarySnapshot) -> (matches: [Match], set: MatchSet?) {
        let input = MatchInput(alert: alert, key: key)
        let index = snapshot.index
        let cached = state.withLockedValue { state in
            state.index === index ? state.entries.value(for: input) : nil
        }
        if let cached { return (cached.matches, cached) }
        let matches = index.match(alert, key: key)
        let known = state.withLockedValue { state in
            state.index === index ? state.sets.value(for: matches) : nil
        }
        // A score that is not finite cannot be stored: the store then refuses the request, as without the cache.
        guard let set = known ?? (try? MatchSet(matches: matches, libraryRevision: snapshot.revision)) else {
            return (matches, nil)
        }
        state.withLockedValue { state in
            if state.index !== index {
                state.index = index
                state.entries = RecentlyUsedCache(capacity: capacity)
                state.sets = RecentlyUsedCache(capacity: setCapacity)
            }
            state.entries.set(set, for: input)
            state.sets.set(set, for: matches)
        }
        return (matches, set)
    }

    /// The inputs held now, for tests.
    var count: Int {
        state.withLockedValue { $0.entries.count }
    }

    /// The distinct match lists held now, for tests.
    var setCount: Int {
        state.withLockedValue { $0.sets.count }
    }
}
