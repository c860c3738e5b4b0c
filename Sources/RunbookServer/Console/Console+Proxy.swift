import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RunbookStore

extension Console {
    /// What a request's proxy header does to its session.
    enum ProxyOutcome {
        /// No proxy sign-in: no header, or not from a trusted address.
        case none
        /// The person the trusted proxy names: the session they had, or a new one.
        case signedIn(ConsoleSessions.Session)
        /// The trusted proxy names someone who is no console user, and unknown names get no role.
        case refused(String)
    }

    /// The session of the person a trusted proxy names in `proxySignIn.header`, started when `current` is not
    /// theirs; the role is their console user's, else the configured default. The header from an address that is
    /// not a trusted proxy is ignored and logged (`console.proxy_header_untrusted`).
    func proxySession(
        _ request: Request, context: RunbookRequestContext, current: ConsoleSessions.Session?
    ) async throws -> ProxyOutcome {
        guard proxySignIn.isEnabled, let header = proxySignIn.header.flatMap({ HTTPField.Name($0) }),
              let value = request.headers[header]
        else { return .none }
        let name = value.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 256 else { return .none }
        let client = context.client.map(Self.host) ?? "unknown"
        guard proxySignIn.trusts(client) else {
            logger.warning("console.proxy_header_untrusted", metadata: [
                "client": .string(client), "header": .string(header.canonicalName),
                "detail": "the header came from an address not in console.proxy_trusted; ignored",
            ])
            return .none
        }
        if let current, current.name == name { return .signedIn(current) }
        let role: APIToken.Role
        if let user = try await users?.consoleUser(named: name) {
            role = user.role
        } else if let fallback = proxySignIn.defaultRole {
            role = fallback
        } else {
            logger.warning("console.proxy_user_unknown", metadata: [
                "user": .string(name), "client": .string(client),
                "detail": "no console user of that name and no console.proxy_default_role: refused",
            ])
            return .refused(name)
        }
        let session = try await sessions.start(name: name, role: role, at: now())
        logger.notice("console.proxy_signed_in", metadata: [
            "user": .string(name), "role": .string(role.rawValue), "client": .string(client),
        ])
        return .signedIn(session)
    }
}
