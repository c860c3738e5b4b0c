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
final class MatchCache: Sendable {
    private struct State {
        var index: MatchIndex?
        var entries: RecentlyUsedCache<MatchInput, MatchSet>
    }

    private let state: NIOLockedValueBox<State>
    let capacity: Int

    /// An empty cache of at most `capacity` inputs.
    init(capacity: Int = 1_024) {
        self.capacity = capacity
        state = NIOLockedValueBox(State(entries: RecentlyUsedCache(capacity: capacity)))
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
        // A score that is not finite cannot be stored: the store then refuses the request, as without the cache.
        guard let set = try? MatchSet(matches: matches, libraryRevision: snapshot.revision) else {
            return (matches, nil)
        }
        state.withLockedValue { state in
            if state.index !== index {
                state.index = index
                state.entries = RecentlyUsedCache(capacity: capacity)
            }
            state.entries.set(set, for: input)
        }
        return (matches, set)
    }

    /// The inputs held now, for tests.
    var count: Int {
        state.withLockedValue { $0.entries.count }
    }
}
