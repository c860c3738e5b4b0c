import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

extension Console {
    /// `GET /runbooks`: the library as a tree of documents and entries, and a search over every entry (`?q=`).
    func runbooksPage(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withSession(request, context: context) { session in
            let snapshot = library.current
            let query = request.uri.queryParameters["q"].map(String.init)?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            var values: [String: Any] = ["query": query]
            if !query.isEmpty, let snapshot {
                values["searched"] = true
                values["results"] = snapshot.index.search(query, limit: 20).map { match -> [String: Any] in
                    ["entry": match.entry, "title": match.title, "link": Self.runbookLink(match.entry)]
                }
            }
            let documents = (snapshot?.library.documents ?? []).sorted { $0.file < $1.file }
            values["documents"] = documents.map { document -> [String: Any] in
                [
                    "file": document.file, "link": Self.runbookLink(document.file),
                    "entries": document.entries.map { entry -> [String: Any] in
                        // Indented by how many entries enclose it, so the list reads as the document's tree.
                        ["title": entry.title, "link": Self.runbookLink(entry.id),
                         "depth": min(entry.path.count, 4)]
                    },
                ]
            }
            return pages.render("runbooks", title: "Runbooks", session: session, values: values)
        }
    }

    /// `GET /runbooks/<file>`: one document rendered, its headings anchored by entry anchor, lint findings beside
    /// their lines.
    func documentPage(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withSession(request, context: context) { session in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            let file = path.removingPercentEncoding ?? path
            guard let snapshot = library.current,
                  let document = snapshot.library.documents.first(where: { $0.file == file })
            else {
                return pages.message(
                    "No such runbook", detail: "The library has no document \(file); see the list of runbooks.",
                    session: session, status: .notFound)
            }
            let findings = snapshot.findings.filter { $0.file == document.file }
            let values: [String: Any] = [
                "file": document.file, "revision": String(snapshot.revision.prefix(12)),
                "findingCount": findings.count,
                "toc": document.headings.filter { $0.part == nil }.map { heading -> [String: Any] in
                    ["level": heading.level, "anchor": heading.anchor, "text": heading.text]
                },
                // The page's h1 is the file name: the document's own headings go one level down.
                "html": MarkdownHTML.render(document: document, findings: findings, headingShift: 1),
            ]
            return pages.render("document", title: document.file, session: session, values: values)
        }
    }

    /// `GET /coverage`: alert keys that fired with no confident entry, most frequent first, each with its stub.
    func coveragePage(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withSession(request, context: context) { session in
            let coverageThreshold = limits.values.coverageThreshold
            let items = try await store.coverage(threshold: coverageThreshold, limit: 100)
            let day: TimeInterval = 86400
            let end = (now().timeIntervalSince1970 / day).rounded(.up) * day
            let recent = try await incidents(openedSince: Date(timeIntervalSince1970: end - 30 * day))
            let chart = ConsoleChart.svg(
                title: "Incidents per day over 30 days, with and without a confident entry",
                bars: ConsoleChart.bars(
                    recent, end: Date(timeIntervalSince1970: end), step: day, count: 30, seriesCount: 2,
                    label: { String(Self.time($0).prefix(10)) },
                    series: { $0.entryID != nil && ($0.score ?? 1) >= coverageThreshold ? 0 : 1 }),
                series: [ConsoleChart.Series(name: "with an entry", color: "#1d6b2b"),
                         ConsoleChart.Series(name: "without one", color: "#a4160b")])
            let values: [String: Any] = [
                "chart": chart,
                "threshold": Self.percent(coverageThreshold),
                "items": items.map { item -> [String: Any] in
                    [
                        "key": item.key, "source": item.source.rawValue, "count": item.count,
                        "lastSeen": Self.time(item.lastSeen), "stub": CoverageStub.markdown(for: item),
                    ]
                },
            ]
            return pages.render("coverage", title: "Coverage", session: session, values: values)
        }
    }

    /// `GET /deliveries` (operator): pending and dead deliveries, each with its tries and, when dead, a retry.
    func deliveriesPage(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withSession(request, context: context, role: .operator) { session in
            var deliveries: [OutboxDelivery] = []
            for state in [DeliveryState.dead, .pending] {
                deliveries += try await store.deliveries(matching: DeliveryQuery(state: state, limit: 100))
            }
            var rows: [[String: Any]] = []
            for delivery in deliveries {
                let tries = try await store.attempts(deliveryID: delivery.id)
                rows.append([
                    "id": delivery.id, "channel": delivery.channel, "state": delivery.state.rawValue,
                    "incident": delivery.incidentID, "attempts": tries.count, "lastError": delivery.lastError ?? "",
                    "dead": delivery.state == .dead, "hasTries": !tries.isEmpty,
                    "tries": tries.map { attempt -> [String: Any] in
                        let outcome = attempt.error ?? attempt.status.map { "HTTP \($0)" } ?? "sent"
                        return ["at": Self.time(attempt.at), "outcome": outcome]
                    },
                ])
            }
            let values: [String: Any] = ["deliveries": rows, "csrf": session.csrf]
            return pages.render("deliveries", title: "Deliveries", session: session, values: values)
        }
    }

    /// `POST /deliveries/{id}/retry` (operator): queues a dead delivery again; its earlier tries stay listed.
    func retry(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withForm(request, context: context, role: .operator) { session, _ in
            guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
                return pages.message("Not found", detail: "A delivery id is a positive whole number.",
                                     session: session, status: .notFound)
            }
            _ = try await store.retryDeliveries(ids: [id], at: now())
            dispatcherSignal.poke()
            return ConsolePages.redirect(to: "/deliveries")
        }
    }
}
