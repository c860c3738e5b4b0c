import Foundation
import Hummingbird
import RunbookStore

extension Console {
    /// `GET /sign-in`: the form, with a fresh double-submit token in a cookie and a hidden field.
    func signInPage(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        let token = ConsoleSessions.randomToken()
        let next = request.uri.queryParameters["next"].map(String.init) ?? "/incidents"
        var values: [String: Any] = ["csrf": token, "next": Self.safeNext(next)]
        if let error { values["error"] = error }
        var response = pages.render("sign-in", title: "Sign in", session: nil, values: values, status: status)
        response.setCookie(cookie(Self.signInCookie, value: token, maxAge: 3600))
        return response
    }

    /// `POST /sign-in`: a user name and password, or an API token; starts a session and goes to `next`.
    func signIn(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let form = try await ConsoleForm(request, limit: bodyLimit)
        guard Self.sameOrigin(request), let token = form["csrf"], let cookie = request.cookies[Self.signInCookie],
              Self.constantTimeEqual(token, cookie.value)
        else {
            return try await signInPage(request, error: "The form expired; sign in again.", status: .forbidden)
        }
        let at = now()
        let name = form.text("name")
        let keys = ["client:" + (context.client.map(Self.host) ?? "unknown")] + (name.map { ["user:" + $0] } ?? [])
        guard await sessions.mayAttempt(keys: keys, at: at) else {
            return try await signInPage(
                request, error: "Too many failed attempts; wait 15 minutes and try again.", status: .tooManyRequests)
        }
        guard let identity = try await identify(form) else {
            await sessions.recordFailure(keys: keys, at: at)
            return try await signInPage(
                request, error: "The user name and password, or the token, are not valid.", status: .unauthorized)
        }
        let session = try await sessions.start(name: identity.name, role: identity.role, at: at)
        var response = ConsolePages.redirect(to: Self.safeNext(form["next"] ?? "/incidents"))
        response.setCookie(self.cookie(Self.sessionCookie, value: session.id, maxAge: Int(sessions.lifetime)))
        response.setCookie(self.cookie(Self.signInCookie, value: "", maxAge: 0))
        return response
    }

    /// `POST /sign-out`: ends the session and forgets the cookie.
    func signOut(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        try await withForm(request, context: context, role: .viewer) { session, _ in
            try await sessions.end(id: session.id)
            var response = ConsolePages.redirect(to: "/sign-in")
            response.setCookie(cookie(Self.sessionCookie, value: "", maxAge: 0))
            return response
        }
    }

    /// Who the form's credentials name, nil when they are not valid.
    private func identify(_ form: ConsoleForm) async throws -> (name: String, role: APIToken.Role)? {
        if let secret = form.text("token") {
            return try await store.token(presented: secret).map { ($0.name, $0.role) }
        }
        guard let name = form.text("name"), let password = form["password"], !password.isEmpty else { return nil }
        let user = try await users?.consoleUser(named: name)
        // An unknown name takes as long as a wrong password, so that timing does not tell which names exist.
        let matches = PasswordHash.verify(password, hash: user?.passwordHash ?? PasswordHash.decoy)
        guard let user, matches else { return nil }
        return (user.name, user.role)
    }

    /// `next` when it is a path on this server, else the incidents list: a sign-in never sends someone away.
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/incidents" }
        return next
    }

    /// The address part of `ip:port`.
    static func host(_ client: String) -> String {
        guard let colon = client.lastIndex(of: ":") else { return client }
        return String(client[..<colon])
    }
}
