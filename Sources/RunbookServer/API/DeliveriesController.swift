import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

/// `/api/v1/deliveries`: the notification outbox — list deliveries and read one with its tries (viewer), retry
/// dead ones (operator).
///
/// A retry makes a dead delivery pending again with its error count reset; it keeps its idempotency key.
struct DeliveriesController: Sendable {
    let outbox: any OutboxStore
    let authenticator: OperatorAuthenticator
    let bodyLimit: Int
    let now: @Sendable () -> Date

    /// `GET /api/v1/deliveries`: newest first.
    struct Page: Codable, Sendable {
        var deliveries: [DeliveryResource]
    }

    /// `POST /api/v1/deliveries/retry` body: some dead deliveries by id, or every dead one.
    struct RetryBody: Codable, Sendable {
        var ids: [Int64]?
        var allDead: Bool?
    }

    /// What a retry did.
    struct Retried: Codable, Sendable {
        /// How many dead deliveries are pending again.
        var retried: Int
        var retriedAt: Date
    }

    func addRoutes(to router: Router<RunbookRequestContext>) {
        let group = router.group("api/v1/deliveries")
        let viewers = group.requiring(.viewer, authenticator)
        viewers.get { request, _ in try await list(request) }
        viewers.get("{id}") { request, context in try await detail(request, context: context) }
        group.requiring(.operator, authenticator).post("retry") { request, _ in try await retry(request) }
    }

    private func list(_ request: Request) async throws -> Response {
        let query = try Self.query(QueryParameters(request))
        let deliveries = try await APIError.mapping { try await outbox.deliveries(matching: query) }
        return try APIResponse.json(Page(deliveries: deliveries.map { DeliveryResource($0) }))
    }

    private func detail(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let id = try IncidentsController.id(context)
        let found = try await APIError.mapping {
            try await outbox.deliveries(matching: DeliveryQuery(limit: 1, id: id))
        }
        guard let delivery = found.first else { throw APIError.notFound("no delivery with id \(id)") }
        let tries = try await APIError.mapping { try await outbox.attempts(deliveryID: id) }
        return try APIResponse.json(DeliveryResource(delivery, tries: tries))
    }

    /// The store query a request's parameters ask for; 400 naming the first invalid parameter.
    static func query(_ parameters: QueryParameters) throws -> DeliveryQuery {
        var query = DeliveryQuery()
        if let text = parameters.string("state") {
            guard let state = DeliveryState(rawValue: text) else {
                let states = DeliveryState.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("state must be one of \(states), not '\(text)'", field: "state")
            }
            query.state = state
        }
        if let text = parameters.string("incident") {
            guard let id = Int64(text), id > 0 else {
                throw APIError.badRequest(
                    "incident must be an incident id (a positive whole number), not '\(text)'", field: "incident"
                )
            }
            query.incidentID = id
        }
        query.limit = try parameters.int("limit", in: 1...1000) ?? 100
        return query
    }

    private func retry(_ request: Request) async throws -> Response {
        let body = try await request.decodeJSON(as: RetryBody.self, limit: bodyLimit, decoder: APIResponse.decoder())
        let ids: [Int64]?
        switch (body.ids, body.allDead ?? false) {
        case (let given?, false) where !given.isEmpty:
            ids = given
        case (nil, true):
            ids = nil
        default:
            throw APIError.badRequest(
                "give either {\"ids\": [1, 2]} (some dead deliveries) or {\"all_dead\": true}", field: "ids"
            )
        }
        let at = now()
        let count = try await APIError.mapping(field: "ids") { try await outbox.retryDeliveries(ids: ids, at: at) }
        return try APIResponse.json(Retried(retried: count, retriedAt: at))
    }
}
