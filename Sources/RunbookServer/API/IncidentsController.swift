import Foundation
import Hummingbird
import RunbookCore
import RunbookNotify
import RunbookStore

/// `/api/v1/incidents`: list and read incidents (viewer), act on them and choose their entry (operator) and retract
/// them (admin).
///
/// Every action records the token's name as who did it.
struct IncidentsController: Sendable {
    let store: any Store
    let library: LibraryHolder
    let authenticator: OperatorAuthenticator
    let bodyLimit: Int
    /// The most `label.*` filters one list query may give (setting `limits.filters_per_query`), read per request.
    let limits: RequestLimits
    let now: @Sendable () -> Date
    /// Poked after every acknowledge, resolve and reopen: they may have queued deliveries.
    let dispatcherSignal: DispatcherSignal

    /// `GET /api/v1/incidents`: one page, open first.
    struct Page: Codable, Sendable {
        var incidents: [Incident]
        var nextCursor: String?
    }

    /// `GET /api/v1/incidents/{id}`: the incident, its alerts and timeline, and the entry to follow.
    struct Detail: Codable, Sendable {
        var incident: Incident
        var alerts: [StoredAlert]
        var timeline: [TimelineEvent]
        /// The matched entry, rendered and filled from the first alert's labels; nil when unmatched or no longer
        /// in the library.
        var entry: FilledEntry?
        /// The other candidate entries of its alerts, best first.
        var candidates: [Match]
        /// The library revision `entry` was rendered from.
        var libraryRevision: String?
    }

    /// `POST …/notes` body.
    struct NoteBody: Codable, Sendable {
        var text: String
    }

    /// `POST …/retract` body.
    struct RetractBody: Codable, Sendable {
        var reason: String
    }

    /// What a retraction did.
    struct Retraction: Codable, Sendable {
        var kind: String
        var id: Int64
        var retractedBy: String
        var retractedAt: Date
        var reason: String
    }

    func addRoutes(to router: Router<RunbookRequestContext>) {
        let group = router.group("api/v1/incidents")
        let viewers = group.requiring(.viewer, authenticator)
        viewers.get { request, _ in try await list(request) }
        viewers.get("{id}") { request, context in try await detail(request, context: context) }
        let operators = group.requiring(.operator, authenticator)
        operators.post("{id}/acknowledge") { request, context in
            try await act(request, context: context) { store, id, actor, at in
                try await store.acknowledge(incidentID: id, by: actor, at: at)
            }
        }
        operators.post("{id}/resolve") { request, context in try await resolve(request, context: context) }
        operators.post("{id}/reopen") { request, context in
            try await act(request, context: context) { store, id, actor, at in
                try await store.reopen(incidentID: id, by: actor, at: at)
            }
        }
        operators.post("{id}/notes") { request, context in try await note(request, context: context) }
        operators.post("{id}/entry") { request, context in try await chooseEntry(request, context: context) }
        group.requiring(.admin, authenticator).post("{id}/retract") { request, context in
            try await retract(request, context: context, kind: "incident") { store, id, actor, reason, at in
                try await store.retractIncident(id: id, by: actor, reason: reason, at: at)
            }
        }
        router.group("api/v1/alerts").requiring(.admin, authenticator).post("{id}/retract") { request, context in
            try await retract(request, context: context, kind: "alert") { store, id, actor, reason, at in
                try await store.retractAlert(id: id, by: actor, reason: reason, at: at)
            }
        }
    }

    private func list(_ request: Request) async throws -> Response {
        let query = try Self.query(QueryParameters(request), maxFilters: limits.values.filtersPerQuery)
        let page = try await APIError.mapping(field: "cursor") { try await store.incidents(matching: query) }
        return try APIResponse.json(Page(incidents: page.incidents, nextCursor: page.nextCursor))
    }

    /// The store query a request's parameters ask for; 400 naming the first invalid parameter.
    static func query(_ parameters: QueryParameters, maxFilters: Int? = nil) throws -> IncidentQuery {
        var query = IncidentQuery()
        for text in parameters.list("state") {
            guard let state = IncidentState(rawValue: text) else {
                let states = IncidentState.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("state must be one of \(states), not '\(text)'", field: "state")
            }
            query.states.insert(state)
        }
        if let text = parameters.string("source") {
            guard let source = AlertSource(rawValue: text) else {
                let sources = AlertSource.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("source must be one of \(sources), not '\(text)'", field: "source")
            }
            query.source = source
        }
        query.entryID = parameters.string("entry")
        query.labels = try parameters.labels(limit: maxFilters)
        query.openedFrom = try parameters.date("since")
        query.openedBefore = try parameters.date("until")
        query.limit = try parameters.int("limit", in: 1...1000) ?? 50
        query.cursor = parameters.string("cursor").flatMap { $0.isEmpty ? nil : $0 }
        return query
    }

    private func detail(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let stored = try await APIError.mapping { try await store.incident(id: id) }
        let snapshot = library.current
        let entry = stored.incident.entryID.flatMap { id in snapshot?.entry(id: id) }
        let labels = stored.alerts.first?.alert.labels ?? [:]
        var seen: Set<String> = Set([stored.incident.entryID].compactMap { $0 })
        let candidates = stored.alerts.flatMap(\.matches).sorted { $0.score > $1.score }
            .filter { seen.insert($0.entry).inserted }
        return try APIResponse.json(Detail(
            incident: stored.incident, alerts: stored.alerts, timeline: stored.timeline,
            entry: entry.map { FilledEntry(entry: $0, labels: labels) }, candidates: candidates,
            libraryRevision: entry == nil ? nil : snapshot?.revision
        ))
    }

    private func act(
        _ request: Request, context: RunbookRequestContext,
        _ action: @Sendable (any Store, Int64, String, Date) async throws -> Incident
    ) async throws -> Response {
        let token = try context.requireToken()
        let id = try Self.id(context)
        let incident = try await APIError.mapping { try await action(store, id, token.name, now()) }
        dispatcherSignal.poke()
        return try APIResponse.json(incident)
    }

    /// Resolves; when the source still fires, says so in the answer and on the timeline, and offers the silence.
    private func resolve(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let token = try context.requireToken()
        let id = try Self.id(context)
        let at = now()
        let incident = try await APIError.mapping { try await store.resolve(incidentID: id, by: token.name, at: at) }
        dispatcherSignal.poke()
        // Only the request that resolved it notes it: resolving twice changes nothing.
        guard incident.firingCount > 0, incident.resolvedAt == at else {
            return try APIResponse.json(ResolveAnswer(incident: incident, firingLabels: nil))
        }
        let alerts = try await APIError.mapping { try await store.incident(id: id) }.alerts
        let firing = alerts.first { $0.alert.status == .firing && $0.retractedAt == nil }
        _ = try await APIError.mapping {
            try await store.addNote(incidentID: id, text: ResolveAnswer.stillFiring, by: "runbook", at: at)
        }
        return try APIResponse.json(ResolveAnswer(incident: incident, firingLabels: firing?.alert.labels ?? [:]))
    }

    private func note(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let token = try context.requireToken()
        let id = try Self.id(context)
        let body = try await request.decodeJSON(as: NoteBody.self, limit: bodyLimit)
        let event = try await APIError.mapping(field: "text") {
            try await store.addNote(incidentID: id, text: body.text, by: token.name, at: now())
        }
        return try APIResponse.json(event, status: .created)
    }

    private func retract(
        _ request: Request, context: RunbookRequestContext, kind: String,
        _ action: @Sendable (any Store, Int64, String, String, Date) async throws -> Void
    ) async throws -> Response {
        let token = try context.requireToken()
        let id = try Self.id(context)
        let body = try await request.decodeJSON(as: RetractBody.self, limit: bodyLimit)
        let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw APIError.badRequest("say why the \(kind) is retracted: {\"reason\": \"…\"}", field: "reason")
        }
        let at = now()
        try await APIError.mapping(field: "reason") { try await action(store, id, token.name, reason, at) }
        return try APIResponse.json(
            Retraction(kind: kind, id: id, retractedBy: token.name, retractedAt: at, reason: reason)
        )
    }

    /// The `{id}` path parameter: a positive whole number, else 400 naming it.
    static func id(_ context: RunbookRequestContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text), id > 0 else {
            throw APIError.badRequest("the id must be a positive whole number, not '\(text)'", field: "id")
        }
        return id
    }
}
