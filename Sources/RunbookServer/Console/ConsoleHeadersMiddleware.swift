import HTTPTypes
import Hummingbird

/// Adds the console's security headers to every console response.
///
/// The Content-Security-Policy allows scripts, styles and requests from the server itself only, no inline script
/// or style, no framing, and forms that post only back here. Pages are never cached, since they show live state
/// to a signed-in person.
struct ConsoleHeadersMiddleware: RouterMiddleware {
    typealias Context = RunbookRequestContext

    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
