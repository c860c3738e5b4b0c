import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

extension Console {
    /// `GET /` and `/incidents`: open incidents first, with filters; `?fragment=rows` answers only the rows, which
    /// the page's script polls for with the same filters.
    func incidentsPage(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withSession(request, context: context) { session in
            let parameters = QueryParameters(request)
            let items = URLComponents(string: request.uri.description)?.queryItems ?? []
            if let labels = parameters.string("labels") {
                guard let location = Self.labelFilterLocation(labels, items: items) else {
                    return pages.message(
                        "Bad filter", detail: "Write label filters as name=value, separated by commas: "
                            + "service=checkout, env=prod.", session: session, status: .badRequest)
                }
                return ConsolePages.redirect(to: location)
            }
            let query: IncidentQuery
            do {
                query = try IncidentsController.query(parameters, maxFilters: limits.values.filtersPerQuery)
            } catch let error as APIError {
                return pages.message("Bad filter", detail: error.detail, session: session, status: .badRequest)
            }
            let page = try await store.incidents(matching: query)
            let at = now()
            let rows: [String: Any] = ["incidents": page.incidents.map { Self.row($0, at: at) }]
            if parameters.string("fragment") == "rows" { return pages.fragment("incident-rows", values: rows) }
            let state = parameters.string("state") ?? ""
            var values = rows
            values["states"] = ([("", "Any")] + IncidentState.allCases.map { ($0.rawValue, $0.rawValue) }).map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == state] as [String: Any]
            }
            let source = parameters.string("source") ?? ""
            values["sources"] = ([("", "Any")] + AlertSource.allCases.map { ($0.rawValue, $0.rawValue) }).map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == source] as [String: Any]
            }
            values["entry"] = parameters.string("entry") ?? ""
            values["labels"] = items.compactMap { item -> String? in
                guard item.name.hasPrefix("label."), let value = item.value else { return nil }
                return "\(item.name.dropFirst("label.".count))=\(value)"
            }.joined(separator: ", ")
            let hour: TimeInterval = 3600
            let end = (at.timeIntervalSince1970 / hour).rounded(.up) * hour
            let lastDay = try await incidents(openedSince: Date(timeIntervalSince1970: end - 24 * hour))
            values["chart"] = ConsoleChart.svg(
                title: "Incidents opened per hour over the last 24 hours",
                bars: ConsoleChart.bars(
                    lastDay, end: Date(timeIntervalSince1970: end), step: hour, count: 24, seriesCount: 1,
                    label: { "\(Self.time($0))" }, series: { _ in 0 }),
                series: [ConsoleChart.Series(name: "incidents", color: "#0b57a4")])
            if let cursor = page.nextCursor {
                var items = URLComponents(string: request.uri.description)?.queryItems ?? []
                items.removeAll { $0.name == "cursor" }
                items.append(URLQueryItem(name: "cursor", value: cursor))
                var components = URLComponents()
                components.path = "/incidents"
                components.queryItems = items
                values["next"] = components.string ?? "/incidents"
            }
            return pages.render("incidents", title: "Incidents", session: session, values: values)
        }
    }

    /// The list's address with the form's `labels` field (`service=checkout, env=prod`) turned into the
    /// `label.NAME=value` filters the list reads, replacing those it had; nil when a part is not `name=value`.
    static func labelFilterLocation(_ labels: String, items: [URLQueryItem]) -> String? {
        var kept = items.filter { !$0.name.hasPrefix("label.") && $0.name != "labels" && $0.name != "cursor" }
        for part in labels.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else { return nil }
            kept.append(URLQueryItem(name: "label." + pair[0], value: pair[1]))
        }
        var components = URLComponents()
        components.path = "/incidents"
        components.queryItems = kept.isEmpty ? nil : kept
        return components.string
    }

    /// Every incident opened at or after `start`, newest first, at most `limit` (a chart needs no more).
    func incidents(openedSince start: Date, limit: Int = 20_000) async throws -> [Incident] {
        var query = IncidentQuery(openedFrom: start, limit: 1000)
        var found: [Incident] = []
        repeat {
            let page = try await store.incidents(matching: query)
            found += page.incidents
            query.cursor = page.nextCursor
        } while query.cursor != nil && found.count < limit
        return found
    }

    static func row(_ incident: Incident, at now: Date) -> [String: Any] {
        [
            "id": incident.id, "state": incident.state.rawValue, "key": incident.key,
            "source": incident.source.rawValue, "severity": incident.severity ?? "",
            "entry": incident.entryID ?? "", "confidence": incident.score.map(Self.percent) ?? "",
            "alerts": incident.alertCount, "age": Self.age(from: incident.openedAt, to: now),
        ]
    }

    /// `GET /incidents/{id}`: the incident, its actions, the entry to follow, its alerts and timeline.
    func incidentPage(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withSession(request, context: context) { session in
            guard let id = Self.incidentID(context) else {
                return pages.message("Not found", detail: "An incident id is a positive whole number.",
                                     session: session, status: .notFound)
            }
            let detail = try await store.incident(id: id)
            let incident = detail.incident
            let snapshot = library.current
            let labels = detail.alerts.first?.alert.labels ?? [:]
            var seen = Set([incident.entryID].compactMap { $0 })
            let allMatches = detail.alerts.flatMap(\.matches).sorted { $0.score > $1.score }
            let candidates = allMatches.filter { seen.insert($0.entry).inserted }
            var values: [String: Any] = [
                "id": incident.id, "key": incident.key, "title": incident.title, "state": incident.state.rawValue,
                "source": incident.source.rawValue, "severity": incident.severity ?? "",
                "opened": Self.time(incident.openedAt), "alertCount": incident.alertCount,
                "firingCount": incident.firingCount, "acknowledgedBy": incident.acknowledgedBy ?? "",
                "resolvedBy": incident.resolvedBy ?? "", "canAct": session.role >= .operator,
                "open": incident.state != .resolved, "csrf": session.csrf,
                "candidates": candidates.map { match -> [String: Any] in
                    ["entry": match.entry, "title": match.title, "score": Self.percent(match.score),
                     "link": Self.runbookLink(match.entry)]
                },
            ]
            values["choices"] = ([incident.entryID].compactMap { $0 } + candidates.map(\.entry)).map { entry in
                ["value": entry, "label": entry, "selected": entry == incident.entryID] as [String: Any]
            }
            if let entryID = incident.entryID, let entry = snapshot?.entry(id: entryID) {
                let evidence = allMatches.first { $0.entry == entryID }?.evidence ?? []
                values["entry"] = Self.entryValues(
                    FilledEntry(entry: entry, labels: labels), confidence: incident.score, evidence: evidence)
            } else if let alert = detail.alerts.first {
                let item = CoverageItem(
                    key: incident.key, source: incident.source, count: alert.fireCount, alerts: detail.alerts.count,
                    firstSeen: alert.firstSeen, lastSeen: alert.lastSeen, candidates: candidates)
                values["stub"] = CoverageStub.markdown(for: item)
            }
            values["alerts"] = detail.alerts.map { stored -> [String: Any] in
                [
                    "title": stored.alert.title, "status": stored.alert.status.rawValue,
                    "fireCount": stored.fireCount, "lastSeen": Self.time(stored.lastSeen),
                    "labels": Self.pairs(stored.alert.labels), "annotations": Self.pairs(stored.alert.annotations),
                ]
            }
            values["timeline"] = detail.timeline.map { event -> [String: Any] in
                [
                    "at": Self.time(event.at), "kind": event.kind.rawValue, "actor": event.actor ?? "",
                    "detail": event.detail ?? "",
                ]
            }
            return pages.render("incident", title: "Incident \(incident.id)", session: session, values: values)
        }
    }

    /// The matched entry, Diagnosis first, as template values: parts rendered by ``MarkdownHTML`` with the
    /// placeholders that no label filled highlighted. The introduction sits under the entry's `h3`, each part under
    /// its `h4`, and their own headings one level below.
    static func entryValues(_ filled: FilledEntry, confidence: Double?, evidence: [Evidence]) -> [String: Any] {
        let options = MarkdownHTML.Options(unfilled: filled.unfilled.map(\.raw), headingShift: 3)
        var partOptions = options
        partOptions.headingShift = 4
        return [
            "title": filled.title, "file": filled.file, "line": filled.line, "link": runbookLink(filled.id),
            "confidence": confidence.map(percent) ?? "chosen by an operator",
            "hasUnfilled": !filled.unfilled.isEmpty, "unfilled": filled.unfilled.map(\.raw),
            "introduction": MarkdownHTML.render(filled.introduction, options: options),
            "parts": filled.parts.map { part -> [String: Any] in
                ["title": part.title, "html": MarkdownHTML.render(part.markdown, options: partOptions)]
            },
            "hasEvidence": !evidence.isEmpty,
            "evidence": evidence.map {
                "\($0.term): \($0.alertField) → \($0.entryField), weight \(String(format: "%.2f", $0.weight))"
            },
        ]
    }

    /// `POST /incidents/{id}/<action>` (operator): acknowledge, note, resolve, reopen or choose the entry, then
    /// back to the incident.
    func act(_ action: IncidentAction, request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withForm(request, context: context, role: .operator) { session, form in
            guard let id = Self.incidentID(context) else {
                return pages.message("Not found", detail: "An incident id is a positive whole number.",
                                     session: session, status: .notFound)
            }
            let at = now()
            switch action {
            case .acknowledge: _ = try await store.acknowledge(incidentID: id, by: session.name, at: at)
            case .resolve:
                let incident = try await store.resolve(incidentID: id, by: session.name, at: at)
                // As the API does: only the request that resolved it notes that the source still fires.
                if incident.firingCount > 0, incident.resolvedAt == at {
                    _ = try await store.addNote(incidentID: id, text: ResolveAnswer.stillFiring, by: "runbook", at: at)
                }
            case .reopen: _ = try await store.reopen(incidentID: id, by: session.name, at: at)
            case .note:
                guard let text = form.text("text") else {
                    return pages.message("Empty note", detail: "Write the note's text, then add it.",
                                         session: session, status: .badRequest)
                }
                _ = try await store.addNote(incidentID: id, text: text, by: session.name, at: at)
            case .entry:
                let entryID = form.text("other") ?? form.text("entry")
                if let entryID, library.current?.entry(id: entryID) == nil {
                    return pages.message(
                        "Unknown entry", detail: "The library has no entry \(entryID); pick one from the list or "
                            + "copy its id from the runbook page.", session: session, status: .unprocessableContent)
                }
                _ = try await store.chooseEntry(incidentID: id, entryID: entryID, note: nil, by: session.name, at: at)
            }
            dispatcherSignal.poke()
            return ConsolePages.redirect(to: "/incidents/\(id)")
        }
    }

    static func incidentID(_ context: RunbookRequestContext) -> Int64? {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else { return nil }
        return id
    }

    /// The console page of an entry id: `/runbooks/<file>#<anchor>`, the path Runbook's messages carry.
    static func runbookLink(_ entryID: String) -> String {
        let parts = entryID.split(separator: "#", maxSplits: 1)
        let file = parts.first.map(String.init) ?? entryID
        let path = file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file
        let anchor = parts.count > 1 ? "#" + (String(parts[1]).addingPercentEncoding(
            withAllowedCharacters: .urlFragmentAllowed) ?? "") : ""
        return "/runbooks/" + path + anchor
    }

    static func pairs(_ dictionary: [String: String]) -> [[String: String]] {
        dictionary.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }
    }

    static func percent(_ score: Double) -> String {
        "\(Int((score * 100).rounded())) %"
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `45 s`, `12 min`, `3 h`, `2 d`.
    static func age(from start: Date, to now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(start)))
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3600: return "\(seconds / 60) min"
        case ..<86400: return "\(seconds / 3600) h"
        default: return "\(seconds / 86400) d"
        }
    }
}
