import RunbookCore
import RunbookStore

/// `/__heartbeat__`'s bindings line: how many there are, and which are stale in the current library.
///
/// A stale binding does not make the server unhealthy (it falls back to matching), so the check passes and
/// names them in its detail.
struct BindingsHeartbeatCheck: HeartbeatCheck {
    let name = "bindings"
    let store: any BindingStore
    let library: LibraryHolder

    /// Most stale bindings named in the detail.
    static let shownLimit = 5

    func check() async throws -> String {
        let bindings = try await store.bindings()
        guard let snapshot = library.current else { return "\(bindings.count) binding(s); library not loaded" }
        let stale = BindingRule.stale(bindings) { snapshot.entry(id: $0) != nil }
        guard !stale.isEmpty else { return "\(bindings.count) binding(s), none stale" }
        var detail = "\(bindings.count) binding(s), \(stale.count) stale (entry not in revision "
            + "\(snapshot.revision.prefix(12)), matched instead): "
        detail += stale.prefix(Self.shownLimit).map { "\($0.key) → \($0.entryID ?? "none")" }.joined(separator: "; ")
        if stale.count > Self.shownLimit { detail += "; …" }
        return detail
    }
}
