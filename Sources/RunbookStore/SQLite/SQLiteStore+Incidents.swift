import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// One `COUNT` on the `incidents_listing` index: the gauge asks after every ingest burst.
    public func openIncidentCount() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM incidents WHERE state != 'resolved'")) ?? 0
        }
    }

    /// One page of incidents, open first then newest, by keyset pagination on (open, openedAt, id).
    public func incidents(matching query: IncidentQuery) async throws -> IncidentPage {
        guard (1...1000).contains(query.limit) else {
            throw StoreError.invalid("limit must be between 1 and 1000, not \(query.limit)")
        }
        let cursor = try query.cursor.map(IncidentCursor.init(decoding:))
        return try await pool.read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if !query.states.isEmpty {
                let states = query.states.map(\.rawValue).sorted()
                clauses.append("state IN (\(databaseQuestionMarks(count: states.count)))")
                arguments += StatementArguments(states)
            }
            if let source = query.source {
                clauses.append("source = ?")
                arguments += [source.rawValue]
            }
            if let entryID = query.entryID {
                clauses.append("entryID = ?")
                arguments += [entryID]
            }
            for (name, value) in query.labels.sorted(by: { $0.key < $1.key }) {
                clauses.append("""
                    EXISTS (SELECT 1 FROM alerts, json_each(alerts.labels) AS label
                            WHERE alerts.incidentID = incidents.id AND label.key = ? AND label.value = ?)
                    """)
                arguments += [name, value]
            }
            if let from = query.openedFrom {
                clauses.append("openedAt >= ?")
                arguments += [from.timeIntervalSince1970]
            }
            if let before = query.openedBefore {
                clauses.append("openedAt < ?")
                arguments += [before.timeIntervalSince1970]
            }
            if let cursor {
                clauses.append("""
                    ((state = 'resolved') > ? OR ((state = 'resolved') = ?
                        AND (openedAt < ? OR (openedAt = ? AND id < ?))))
                    """)
                arguments += [cursor.rank, cursor.rank, cursor.openedAt, cursor.openedAt, cursor.id]
            }
            let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let sql = """
                SELECT * FROM incidents \(filter)
                ORDER BY (state = 'resolved'), openedAt DESC, id DESC LIMIT ?
                """
            arguments += [query.limit + 1]
            let rows = try Incident.fetchAll(db, sql: sql, arguments: arguments)
            let page = Array(rows.prefix(query.limit))
            let next = rows.count > query.limit ? page.last.map { IncidentCursor(after: $0).encoded } : nil
            return IncidentPage(incidents: page, nextCursor: next)
        }
    }

    /// An incident with its alerts and timeline, oldest first.
    public func incident(id: Int64) async throws -> IncidentDetail {
        try await pool.read { db in
            guard let incident = try Incident.fetchOne(db, key: id) else {
                throw StoreError.notFound("no incident \(id)")
            }
            let alerts = try AlertRow.withMatchSets(
                AlertRow.filter(Column("incidentID") == id).order(Column("id")).fetchAll(db), db)
            let timeline = try TimelineEvent.filter(Column("incidentID") == id).order(Column("id")).fetchAll(db)
            return IncidentDetail(incident: incident, alerts: alerts.map(\.stored), timeline: timeline)
        }
    }

    /// Acknowledges an open incident and records who did it.
    public func acknowledge(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await transition(incidentID, notifying: .acknowledged, by: actor, at: at) { machine in
            try machine.acknowledge(by: actor, at: at)
        }.incident
    }

    /// Adds an operator's note to the timeline.
    public func addNote(incidentID: Int64, text: String, by actor: String, at: Date) async throws -> TimelineEvent {
        let result = try await transition(incidentID) { machine in try machine.note(text, by: actor, at: at) }
        guard let note = result.events.last else { throw StoreError.invalid("the note was not recorded") }
        return note
    }

    /// Resolves an incident and records who did it.
    public func resolve(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await transition(incidentID, notifying: .resolved, by: actor, at: at) { machine in
            machine.resolve(by: actor, at: at)
        }.incident
    }

    /// Reopens a resolved incident and records who did it.
    public func reopen(incidentID: Int64, by actor: String, at: Date) async throws -> Incident {
        try await transition(incidentID, notifying: .opened, by: actor, at: at) { machine in
            machine.reopen(by: actor, at: at)
        }.incident
    }

    /// Runs an operator's transition in a write transaction and stores what it returned.
    ///
    /// When the transition changed something and `change` is given, the configured planner's deliveries for it
    /// are written in the same transaction.
    private func transition(
        _ incidentID: Int64, notifying change: IncidentChange.Kind? = nil, by actor: String? = nil, at: Date? = nil,
        _ body: @escaping @Sendable (inout IncidentStateMachine) throws -> [TimelineEvent]
    ) async throws -> (incident: Incident, events: [TimelineEvent]) {
        let policy = configuration.policy
        let planner = configuration.planner
        return try await pool.write { db in
            guard let incident = try Incident.fetchOne(db, key: incidentID) else {
                throw StoreError.notFound("no incident \(incidentID)")
            }
            var machine = IncidentStateMachine(incident: incident, policy: policy)
            var events: [TimelineEvent]
            do {
                events = try body(&machine)
            } catch let error as IncidentError {
                throw error.storeError
            }
            try machine.incident.update(db)
            for index in events.indices {
                try events[index].insert(db)
                events[index].id = db.lastInsertedRowID
            }
            if let planner, let change, let at, !events.isEmpty {
                let labels = try SQLiteOutbox.firstAlertLabels(incidentID: incidentID, db)
                let incidentChange = IncidentChange(
                    incident: machine.incident, kind: change, labels: labels, at: at, actor: actor)
                _ = try SQLiteOutbox.plan(incidentChange, with: planner, db)
            }
            return (machine.incident, events)
        }
    }
}
