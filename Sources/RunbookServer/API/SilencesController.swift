import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

/// `/api/v1/silences`: list silences (viewer), add and expire them (operator).
///
/// While a silence is in force, matching incidents are recorded but not notified; a new silence records the
/// token's name as who made it, an expiry as who ended it.
struct SilencesController: Sendable {
    let store: any SilenceStore
    let authenticator: OperatorAuthenticator
    let bodyLimit: Int
    /// The longest silence granted (setting `limits.silence_length`), read per request.
    let limits: RequestLimits
    let now: @Sendable () -> Date

    /// `GET /api/v1/silences`: those in force, or every one with `?all=true`, newest first.
    struct Page: Codable, Sendable {
        var silences: [SilenceResource]
    }

    func addRoutes(to router: Router<RunbookRequestContext>) {
        let group = router.group("api/v1/silences")
        group.requiring(.viewer, authenticator).get { request, _ in try await list(request) }
        let operators = group.requiring(.operator, authenticator)
        operators.post { request, context in try await add(request, context: context) }
        operators.post("{id}/expire") { request, context in try await expire(request, context: context) }
    }

    private func list(_ request: Request) async throws -> Response {
        let all: Bool
        switch QueryParameters(request).string("all") {
        case nil, "false": all = false
        case "true", "": all = true
        case let text?: throw APIError.badRequest("all must be true or false, not '\(text)'", field: "all")
        }
        let at = now()
        let silences = try await APIError.mapping { try await store.silences(activeAt: all ? nil : at) }
        return try APIResponse.json(Page(silences: silences.map { SilenceResource($0, now: at) }))
    }

    private func add(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let token = try context.requireToken()
        let body = try await request.decodeJSON(
            as: SilenceRequest.self, limit: bodyLimit, decoder: APIResponse.decoder()
        )
        let at = now()
        let silence: Silence
        do {
            silence = try body.silence(createdBy: token.name, now: at, maxLength: limits.values.silenceLength)
        } catch let error as SilenceRequestError {
            if error.limit != nil { throw APIError.overLimit(error.detail, field: error.field) }
            throw APIError.badRequest(error.detail, field: error.field)
        }
        let stored = try await APIError.mapping { try await store.addSilence(silence) }
        return try APIResponse.json(SilenceResource(stored, now: at), status: .created)
    }

    private func expire(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let token = try context.requireToken()
        let id = try IncidentsController.id(context)
        let at = now()
        let silence = try await APIError.mapping { try await store.expireSilence(id: id, by: token.name, at: at) }
        return try APIResponse.json(SilenceResource(silence, now: at))
    }
}
