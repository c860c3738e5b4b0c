import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// Every binding, by key.
    public func bindings() async throws -> [Binding] {
        try await allBindings().values.sorted { $0.key < $1.key }
    }

    /// The bindings of `keys`, from memory unless the table changed (see `BindingCache`).
    public func bindings(forKeys keys: Set<String>) async throws -> [String: Binding] {
        guard !keys.isEmpty else { return [:] }
        let all = try await allBindings()
        return Dictionary(uniqueKeysWithValues: keys.compactMap { key in all[key].map { (key, $0) } })
    }

    /// Binds the incident's key, re-matches the incident and records the choice, in one transaction.
    public func chooseEntry(
        incidentID: Int64, entryID: String?, note: String?, by actor: String, at: Date
    ) async throws -> (incident: Incident, binding: Binding) {
        let policy = configuration.policy
        return try await pool.write { db in
            guard let incident = try Incident.fetchOne(db, key: incidentID) else {
                throw StoreError.notFound("no incident \(incidentID)")
            }
            let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
            let binding = Binding(key: incident.key, entryID: entryID, note: trimmed?.isEmpty == false ? trimmed : nil,
                                  createdBy: actor, createdAt: at)
            try binding.save(db)
            var machine = IncidentStateMachine(incident: incident, policy: policy)
            let events = machine.chooseEntry(entryID, note: binding.note, by: actor, at: at)
            try machine.incident.update(db)
            for event in events {
                try event.insert(db)
            }
            return (machine.incident, binding)
        }
    }

    /// Deletes the binding of `key`.
    public func removeBinding(key: String) async throws {
        let deleted = try await pool.write { db in try Binding.deleteOne(db, key: key) }
        guard deleted else { throw StoreError.notFound("no binding for the key '\(key)'") }
    }

    private func allBindings() async throws -> [String: Binding] {
        let cached = bindingCache.lookup()
        if let bindings = cached.bindings { return bindings }
        let readAt = ContinuousClock.now
        let rows = try await pool.read { db in try Binding.fetchAll(db) }
        let byKey = Dictionary(rows.map { ($0.key, $0) }) { first, _ in first }
        bindingCache.store(byKey, generation: cached.generation, readAt: readAt)
        return byKey
    }
}
