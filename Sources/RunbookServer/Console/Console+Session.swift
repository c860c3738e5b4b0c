import Foundation
import Hummingbird
import RunbookStore

extension Console {
    static let sessionCookie = "rb_session"
    /// Double-submit token of the sign-in form, which has no session yet to hold one.
    static let signInCookie = "rb_signin"

    /// Runs `page` for a signed-in person whose role is `role` or higher; else sends them to sign in, or says
    /// that their role is too low. A store error becomes a page that says what was wrong. A person a trusted
    /// proxy names (`ProxySignIn`) is signed in on the way.
    func withSession(
        _ request: Request, context: RunbookRequestContext, role: APIToken.Role = .viewer,
        _ page: (ConsoleSessions.Session) async throws -> Response
    ) async throws -> Response {
        var current = try await currentSession(request)
        var started = false
        switch try await proxySession(request, context: context, current: current) {
        case .none: break
        case .signedIn(let session):
            started = session.id != current?.id
            current = session
        case .refused(let name):
            return pages.message(
                "Not allowed", detail: "The sign-in proxy names you \(name), who is not a console user, and this "
                    + "server gives unknown names no role. Ask an admin to add you: runbook users add \(name) --role "
                    + "viewer.", session: nil, status: .forbidden)
        }
        var response = try await withSession(current, request: request, role: role, page)
        if started, let current {
            response.setCookie(cookie(Self.sessionCookie, value: current.id, maxAge: Int(sessions.lifetime)))
        }
        return response
    }

    private func withSession(
        _ current: ConsoleSessions.Session?, request: Request, role: APIToken.Role,
        _ page: (ConsoleSessions.Session) async throws -> Response
    ) async throws -> Response {
        guard let session = current else {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return ConsolePages.redirect(to: "/sign-in?next=\(encoded)")
        }
        guard session.role >= role else {
            return pages.message(
                "Not allowed", detail: "You are signed in as \(session.name) with the role \(session.role.rawValue); "
                    + "this needs \(role.rawValue) or higher. Ask an admin for a token or user with that role.",
                session: session, status: .forbidden)
        }
        do {
            return try await page(session)
        } catch let error as StoreError {
            return storeErrorPage(error, session: session)
        }
    }

    /// The page that says what a store refused: not found (404), invalid (400), or not done (409).
    func storeErrorPage(_ error: StoreError, session: ConsoleSessions.Session?) -> Response {
        let status: HTTPResponse.Status = error.isNotFound ? .notFound : error.isInvalid ? .badRequest : .conflict
        return pages.message(error.isNotFound ? "Not found" : "Not done", detail: error.message,
                             session: session, status: status)
    }

    /// Like ``withSession(_:context:role:_:)`` for a form post: also checks the CSRF token and, when the browser sends
    /// one, that the `Origin` is this server.
    func withForm(
        _ request: Request, context: RunbookRequestContext, role: APIToken.Role,
        _ action: (ConsoleSessions.Session, ConsoleForm) async throws -> Response
    ) async throws -> Response {
        try await withSession(request, context: context, role: role) { session in
            let form = try await ConsoleForm(request, limit: bodyLimit)
            guard Self.sameOrigin(request), let token = form["csrf"], Self.constantTimeEqual(token, session.csrf)
            else {
                return pages.message(
                    "Form expired", detail: "The form did not carry this session's token; reload the page and try "
                        + "again.", session: session, status: .forbidden)
            }
            return try await action(session, form)
        }
    }

    func currentSession(_ request: Request) async throws -> ConsoleSessions.Session? {
        guard let id = request.cookies[Self.sessionCookie]?.value, !id.isEmpty else { return nil }
        return try await sessions.session(id: id, at: now())
    }

    /// True when the request has no `Origin` header or one whose host is the request's `Host`.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        guard let url = URL(string: origin), let originHost = url.host else { return false }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() == host.lowercased()
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    func cookie(_ name: String, value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true,
               sameSite: .lax)
    }
}
