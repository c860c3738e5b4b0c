import Logging
import RunbookCore
import RunbookStore

/// Finds the bindings whose entry a library revision no longer has, and reports them.
///
/// A stale binding is never applied to another entry: alerts of its key are matched as if it did not exist
/// (`BindingRule`). It is reported so that someone re-chooses the entry or removes the binding: in the log when a
/// library loads (`binding.stale`), on `/__heartbeat__` (`BindingsHeartbeatCheck`) and by `runbook lint --data`.
public struct BindingAudit: Sendable {
    let store: any BindingStore
    let logger: Logger

    /// An audit of the bindings in `store`, logging to `logger`.
    public init(store: any BindingStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// The stale bindings of `snapshot`, each logged as a warning.
    @discardableResult
    public func audit(_ snapshot: LibrarySnapshot) async throws -> [Binding] {
        let stale = BindingRule.stale(try await store.bindings()) { snapshot.entry(id: $0) != nil }
        for binding in stale {
            logger.warning("binding.stale", metadata: [
                "alert.key": .string(binding.key), "binding.entry": .string(binding.entryID ?? "none"),
                "binding.chosen_by": .string(binding.createdBy), "library.revision": .string(snapshot.revision),
                "action": "choose the entry again (POST /api/v1/incidents/{id}/entry) or `runbook bindings remove`",
            ])
        }
        return stale
    }
}
