import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore {
    /// The raw payloads that carried an alert, oldest first.
    public func payloads(alertID: Int64) async throws -> [StoredPayload] {
        try await client.withConnection { connection in
            try await PostgresRecords.payloads(alertID: alertID, connection, logger: logger)
        }
    }

    /// Acknowledges an open incident and records who did it; a resolved one is `StoreError.conflict`.
    public func acknowledge(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await transition(incidentID, notifying: .acknowledged, by: actor, at: at) { machine in
            try machine.acknowledge(by: actor, at: at)
        }.incident
    }

    /// Adds an operator's note to the timeline; an empty one is `StoreError.invalid`.
    public func addNote(incidentID: Int64, text: String, by actor: String, at: Date) async throws -> TimelineEvent {
        let result = try await transition(incidentID) { machine in try machine.note(text, by: actor, at: at) }
        guard let note = result.events.last else { throw PostgresStoreFault("the note was not recorded") }
        return note
    }

    /// Resolves an incident and records who did it; resolving twice changes nothing.
    public func resolve(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await transition(incidentID, notifying: .resolved, by: actor, at: at) { machine in
            machine.resolve(by: actor, at: at)
        }.incident
    }

    /// Reopens a resolved incident and records who did it; an open one stays as it is.
    public func reopen(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await transition(incidentID, notifying: .opened, by: actor, at: at) { machine in
            machine.reopen(by: actor, at: at)
        }.incident
    }

    /// Runs an operator's transition in a transaction, the incident locked against ingestion on any node, and stores
    /// what it returned.
    ///
    /// When the transition changed something and `change` is given, the configured planner's deliveries for it are
    /// written in the same transaction.
    private func transition(
        _ incidentID: Int64, notifying change: IncidentChange.Kind? = nil, by actor: String? = nil, at: Date? = nil,
        _ body: @escaping @Sendable (inout IncidentStateMachine) throws -> [TimelineEvent]
    ) async throws -> (incident: Incident, events: [TimelineEvent]) {
        let policy = configuration.policy
        let planner = configuration.planner
        let logger = logger
        return try await client.transaction(.incidentChange, logger: logger) { connection in
            guard let incident = try await PostgresRecords.incident(
                id: incidentID, lock: true, connection, logger: logger)
            else {
                throw StoreError.notFound("no incident \(incidentID)")
            }
            var machine = IncidentStateMachine(incident: incident, policy: policy)
            var events: [TimelineEvent]
            do {
                events = try body(&machine)
            } catch let error as IncidentError {
                throw error.storeError
            }
            try await PostgresRecords.update(machine.incident, connection, logger: logger)
            for index in events.indices {
                events[index].id = try await PostgresRecords.insert(events[index], connection, logger: logger)
            }
            if let planner, let change, let at, !events.isEmpty {
                let labels = try await PostgresOutbox.firstAlertLabels(
                    incidentID: incidentID, connection, logger: logger)
                let incidentChange = IncidentChange(
                    incident: machine.incident, kind: change, labels: labels, at: at, actor: actor)
                _ = try await PostgresOutbox.plan(incidentChange, with: planner, connection, logger: logger)
            }
            return (machine.incident, events)
        }
    }
}
