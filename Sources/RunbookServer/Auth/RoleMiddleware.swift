import Hummingbird
import RunbookStore

/// Lets a request through to the routes of its group only when it presents an API token whose role is `role` or
/// higher, and puts the token in the request context (`context.token`) for the handler to name who acted.
///
/// A missing or unknown token is a 401, a role too low a 403 (see `OperatorAuthenticator`). Add it to a route group
/// through `requiring(_:_:)`, so that every route of the group is covered and no handler checks on its own.
///
/// ```swift
/// let operators = router.group("api/v1/incidents").requiring(.operator, authenticator)
/// operators.post("{id}/acknowledge") { request, context in
///     let actor = try context.requireToken().name
///     …
/// }
/// ```
struct RoleMiddleware: RouterMiddleware {
    typealias Context = RunbookRequestContext

    let role: APIToken.Role
    let authenticator: OperatorAuthenticator

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.token = try await authenticator.require(role, for: request)
        return try await next(request, context)
    }
}

extension RouterMethods where Context == RunbookRequestContext {
    /// A group with this group's path whose routes all need a token of `role` or higher.
    func requiring(_ role: APIToken.Role, _ authenticator: OperatorAuthenticator) -> RouterGroup<Context> {
        group().add(middleware: RoleMiddleware(role: role, authenticator: authenticator))
    }
}

extension RunbookRequestContext {
    /// The token `RoleMiddleware` let through; a 500 on a route registered outside a `requiring` group, which is a
    /// bug of the server, never of the client.
    func requireToken() throws -> APIToken {
        guard let token else { throw APIError.internalError() }
        return token
    }
}
