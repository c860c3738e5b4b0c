import Hummingbird
import RunbookStore

/// Checks the operator's API token on a `/api/v1/…` request and that its role allows the route.
///
/// Tokens come in `Authorization: Bearer <token>` only (never in the query string, unlike ingestion). A missing
/// or unknown token is a 401 with `WWW-Authenticate: Bearer`; a known token whose role is too low is a 403.
///
/// ```swift
/// let token = try await authenticator.require(.operator, for: request)
/// try await store.acknowledge(incidentID: id, by: token.name, at: now())
/// ```
///
/// Routes use it through `RoleMiddleware` on their group (`group.requiring(.operator, authenticator)`), never
/// one by one.
public struct OperatorAuthenticator: Sendable {
    let tokens: any TokenStore

    /// An authenticator over `tokens`.
    public init(tokens: any TokenStore) {
        self.tokens = tokens
    }

    /// The token the request presents, when its role is `role` or higher.
    public func require(_ role: APIToken.Role, for request: Request) async throws -> APIToken {
        guard let secret = Self.bearerToken(in: request) else {
            throw APIError.unauthorized(
                "send an API token as `Authorization: Bearer <token>` (runbook tokens add)", field: "Authorization")
        }
        guard let token = try await tokens.token(presented: secret) else {
            throw APIError.unauthorized(
                "the API token is not valid: it is unknown or was removed", field: "Authorization")
        }
        guard token.role >= role else {
            throw APIError.forbidden(
                "the token \(token.name) has the role \(token.role.rawValue); this needs \(role.rawValue) or higher"
            )
        }
        return token
    }

    /// The token of an `Authorization: Bearer …` header, nil when there is none or it is empty.
    static func bearerToken(in request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
