import Foundation
import RunbookCore

/// Operators' answers to "which entry answers this key?" (`Binding`), used before matching.
///
/// Choosing an incident's entry binds its key, re-matches the incident to the entry and records who did it on the
/// timeline, in one transaction.
public protocol BindingStore: Sendable {
    /// Every binding, by key.
    func bindings() async throws -> [Binding]

    /// The bindings of these keys, by key: what ingestion reads for each request, so it is cheap.
    func bindings(forKeys keys: Set<String>) async throws -> [String: Binding]

    /// Binds the incident's key to `entryID` (nil: no entry fits), replacing any binding of that key; sets the
    /// incident's entry and records an `entryChosen` event by `actor`. An unknown incident is `StoreError.notFound`.
    func chooseEntry(
        incidentID: Int64, entryID: String?, note: String?, by actor: String, at: Date
    ) async throws -> (incident: Incident, binding: Binding)

    /// Deletes the binding of `key`; an unknown key is `StoreError.notFound`. Incidents keep their entry.
    func removeBinding(key: String) async throws
}
