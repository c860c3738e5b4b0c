import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

/// `/api/v1/bindings`: operators' choices of entry per alert key; list them (viewer) and remove one (operator).
///
/// A binding is made by choosing an incident's entry (`POST /api/v1/incidents/{id}/entry`). Keys hold spaces and
/// any character, so one is named by a query parameter: `DELETE /api/v1/bindings?key=DiskUsageWarning%20db`.
struct BindingsController: Sendable {
    let store: any BindingStore
    let library: LibraryHolder
    let authenticator: OperatorAuthenticator

    /// `GET /api/v1/bindings`: every binding, by key, each saying whether it is stale.
    struct Page: Encodable, Sendable {
        var bindings: [BindingResource]
    }

    /// `DELETE /api/v1/bindings?key=…` answer.
    struct Removed: Encodable, Sendable {
        var key: String
        var removed: Bool
    }

    func addRoutes(to router: Router<RunbookRequestContext>) {
        let group = router.group("api/v1/bindings")
        group.requiring(.viewer, authenticator).get { request, _ in try await list(request) }
        group.requiring(.operator, authenticator).delete { request, _ in try await remove(request) }
    }

    private func list(_ request: Request) async throws -> Response {
        let bindings = try await store.bindings()
        let snapshot = library.current
        return try APIResponse.json(Page(bindings: bindings.map { BindingResource($0, snapshot: snapshot) }))
    }

    private func remove(_ request: Request) async throws -> Response {
        guard let key = QueryParameters(request).string("key"), !key.isEmpty else {
            throw APIError.badRequest("name the binding's key: ?key=<alert key>", field: "key")
        }
        try await APIError.mapping(field: "key") { try await store.removeBinding(key: key) }
        return try APIResponse.json(Removed(key: key, removed: true))
    }
}
