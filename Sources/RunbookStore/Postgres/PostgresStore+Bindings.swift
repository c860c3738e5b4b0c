import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore: BindingStore {
    /// Every binding, by key.
    public func bindings() async throws -> [Binding] {
        try await Self.decodeBindings(client.query(
            "SELECT key, entryID, note, createdBy, createdAt FROM bindings ORDER BY key", logger: logger))
    }

    /// The bindings of `keys`, read in one query: a choice made on any node applies at once everywhere.
    public func bindings(forKeys keys: Set<String>) async throws -> [String: Binding] {
        guard !keys.isEmpty else { return [:] }
        let found = try await guardedRead("binding lookup") {
            try await Self.decodeBindings(self.client.query(
                "SELECT key, entryID, note, createdBy, createdAt FROM bindings WHERE key = ANY(\(keys.sorted()))",
                operation: .lookup, logger: self.logger))
        }
        return Dictionary(found.map { ($0.key, $0) }) { first, _ in first }
    }

    /// Binds the incident's key, re-matches the incident and records the choice, in one transaction; the incident is
    /// locked against ingestion and operators on any node.
    public func chooseEntry(
        incidentID: Int64, entryID: String?, note: String?, by actor: String, at: Date
    ) async throws -> (incident: Incident, binding: Binding) {
        let policy = configuration.policy
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            guard let incident = try await PostgresRecords.incident(
                id: incidentID, lock: true, connection, logger: logger)
            else {
                throw StoreError.notFound("no incident \(incidentID)")
            }
            let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines)
            let binding = Binding(key: incident.key, entryID: entryID, note: trimmed?.isEmpty == false ? trimmed : nil,
                                  createdBy: actor, createdAt: at)
            try await connection.query(
                """
                INSERT INTO bindings (key, entryID, note, createdBy, createdAt)
                VALUES (\(binding.key), \(binding.entryID), \(binding.note), \(binding.createdBy),
                    \(binding.createdAt.timeIntervalSince1970))
                ON CONFLICT (key) DO UPDATE SET entryID = EXCLUDED.entryID, note = EXCLUDED.note,
                    createdBy = EXCLUDED.createdBy, createdAt = EXCLUDED.createdAt
                """, logger: logger)
            var machine = IncidentStateMachine(incident: incident, policy: policy)
            let events = machine.chooseEntry(entryID, note: binding.note, by: actor, at: at)
            try await PostgresRecords.update(machine.incident, connection, logger: logger)
            for event in events {
                _ = try await PostgresRecords.insert(event, connection, logger: logger)
            }
            return (machine.incident, binding)
        }
    }

    /// Deletes the binding of `key`.
    public func removeBinding(key: String) async throws {
        let removed = try await client.query(
            "DELETE FROM bindings WHERE key = \(key) RETURNING key", logger: logger).count()
        guard removed == 1 else { throw StoreError.notFound("no binding for the key '\(key)'") }
    }

    private static func decodeBindings(_ rows: some AsyncSequence<PostgresRow, any Error>) async throws -> [Binding] {
        var bindings: [Binding] = []
        for try await (key, entryID, note, createdBy, createdAt) in rows.decode(
            (String, String?, String?, String, Double).self)
        {
            bindings.append(Binding(key: key, entryID: entryID, note: note, createdBy: createdBy,
                                    createdAt: Date(timeIntervalSince1970: createdAt)))
        }
        return bindings
    }
}
