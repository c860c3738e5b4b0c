import Foundation
import Hummingbird
import RunbookCore

/// `/api/v1/runbooks`: the library's documents and entries, one entry filled from labels, search, the lint
/// report (viewer), and a reload (operator).
///
/// Entry ids hold `/` and `#`, so an entry is addressed by a query parameter rather than a path segment:
/// `GET /api/v1/runbooks/entry?id=ops%2Fdisk.md%23diskfull&label.instance=db1`.
struct RunbooksController: Sendable {
    let library: LibraryHolder
    let reload: (@Sendable () throws -> LibrarySnapshot)?
    let authenticator: OperatorAuthenticator

    /// `GET /api/v1/runbooks`.
    struct Listing: Codable, Sendable {
        var revision: String
        var loadedAt: Date
        var entryCount: Int
        var documents: [DocumentSummary]
    }

    /// A document and its entries, without their bodies.
    struct DocumentSummary: Codable, Sendable {
        var file: String
        var entries: [EntrySummary]
    }

    /// An entry as listed: where it is and which parts it has.
    struct EntrySummary: Codable, Sendable {
        var id: String
        var title: String
        var aliases: [String]
        var path: [String]
        var line: Int
        var parts: [PartKind]
    }

    /// `GET /api/v1/runbooks/search`.
    struct SearchResults: Codable, Sendable {
        var query: String
        var revision: String
        var results: [Match]
    }

    /// `GET /api/v1/runbooks/lint`.
    struct LintResults: Codable, Sendable {
        var revision: String
        var errors: Int
        var warnings: Int
        var findings: [Finding]
    }

    /// `POST /api/v1/runbooks/reload`.
    struct Reloaded: Codable, Sendable {
        var revision: String
        var previousRevision: String?
        var entryCount: Int
        var findings: Int
    }

    func addRoutes(to router: Router<RunbookRequestContext>) {
        let group = router.group("api/v1/runbooks")
        let viewers = group.requiring(.viewer, authenticator)
        viewers.get { request, _ in try await listing(request) }
        viewers.get("entry") { request, _ in try await entry(request) }
        viewers.get("search") { request, _ in try await search(request) }
        viewers.get("lint") { request, _ in try await lint(request) }
        group.requiring(.operator, authenticator).post("reload") { request, _ in try await reloadLibrary(request) }
    }

    private func listing(_ request: Request) async throws -> Response {
        let snapshot = try await readableSnapshot(request)
        let documents = snapshot.library.documents.map { document in
            DocumentSummary(file: document.file, entries: document.entries.map { entry in
                EntrySummary(id: entry.id, title: entry.title, aliases: entry.aliases, path: entry.path,
                             line: entry.line, parts: entry.parts.map(\.kind))
            })
        }
        return try APIResponse.json(Listing(
            revision: snapshot.revision, loadedAt: snapshot.loadedAt, entryCount: snapshot.entryCount,
            documents: documents
        ))
    }

    private func entry(_ request: Request) async throws -> Response {
        let snapshot = try await readableSnapshot(request)
        let parameters = QueryParameters(request)
        guard let id = parameters.string("id"), !id.isEmpty else {
            throw APIError.badRequest("give the entry id: ?id=<file>%23<anchor>", field: "id")
        }
        guard let entry = snapshot.entry(id: id) else {
            if !id.contains("#"), snapshot.library.documents.contains(where: { $0.file == id }) {
                // An unencoded `#` starts the URL's fragment, which clients never send.
                throw APIError(
                    status: .notFound, code: "not_found",
                    detail: "\(id) is a document, not an entry; an entry id is <file>#<anchor>, and in a URL its # "
                        + "must be written %23: ?id=\(id)%23<anchor>", field: "id")
            }
            throw APIError.notFound("no entry \(id) in library revision \(snapshot.revision)")
        }
        return try APIResponse.json(FilledEntry(entry: entry, labels: try parameters.labels()))
    }

    private func search(_ request: Request) async throws -> Response {
        let snapshot = try await readableSnapshot(request)
        let parameters = QueryParameters(request)
        let query = parameters.string("q")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !query.isEmpty else {
            throw APIError.badRequest("give words to search for: ?q=disk+full", field: "q")
        }
        let limit = try parameters.int("limit", in: 1...100) ?? 10
        return try APIResponse.json(SearchResults(
            query: query, revision: snapshot.revision, results: snapshot.index.search(query, limit: limit)
        ))
    }

    private func lint(_ request: Request) async throws -> Response {
        let snapshot = try await readableSnapshot(request)
        let findings = snapshot.findings
        return try APIResponse.json(LintResults(
            revision: snapshot.revision, errors: findings.filter { $0.severity == .error }.count,
            warnings: findings.filter { $0.severity == .warning }.count, findings: findings
        ))
    }

    private func reloadLibrary(_ request: Request) async throws -> Response {
        guard let reload else {
            throw APIError.conflict("this server has no runbook folders to reload from")
        }
        let previous = library.current?.revision
        let snapshot: LibrarySnapshot
        do {
            snapshot = try reload()
        } catch {
            throw APIError.unprocessable(
                "the library did not reload, the previous one stays in use: \(error)", field: "runbooks"
            )
        }
        return try APIResponse.json(Reloaded(
            revision: snapshot.revision, previousRevision: previous, entryCount: snapshot.entryCount,
            findings: snapshot.findings.count
        ))
    }

    private func readableSnapshot(_ request: Request) async throws -> LibrarySnapshot {
        guard let snapshot = library.current else { throw APIError.libraryUnavailable() }
        return snapshot
    }
}
