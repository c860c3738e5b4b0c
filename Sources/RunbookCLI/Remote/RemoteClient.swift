import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RunbookServer

/// Calls a running server's JSON API (`/api/v1/…`, see `openapi.yaml`) for the remote commands.
///
/// Every failure becomes a `RemoteFailure` that says what to do: the server cannot be reached, the token is
/// missing or unknown (401), its role is too low (403, naming the role needed), nothing has that id (404), or the
/// server refused the input (4xx, with the server's reason and the field at fault).
///
/// ```swift
/// let client = RemoteClient(target: try remote.requireTarget())
/// let body = try await client.send("POST", "/api/v1/incidents/42/acknowledge", role: "operator")
/// ```
struct RemoteClient: Sendable {
    let target: RemoteTarget

    /// Sends a request and returns the body of a 2xx answer.
    ///
    /// `role` is the role the route needs, for the message of a 403; `what` names the object of a 404
    /// ("incident 42").
    func send(
        _ method: String, _ path: String, query: [(String, String)] = [], json: (any Encodable)? = nil,
        role: String, what: String? = nil
    ) async throws -> Data {
        guard var components = URLComponents(url: target.base, resolvingAgainstBaseURL: false) else {
            throw RemoteFailure.usage("cannot read the server URL \(target.base.absoluteString)")
        }
        let basePath = components.percentEncodedPath
        components.percentEncodedPath = basePath + path
        if !query.isEmpty {
            components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
            // `+` would read as a space on the server: write it encoded.
            let encoded = components.percentEncodedQuery ?? ""
            components.percentEncodedQuery = encoded.replacingOccurrences(of: "+", with: "%2B")
        }
        guard let url = components.url else {
            throw RemoteFailure.usage("cannot build a URL from \(target.base.absoluteString) and \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let token = target.token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.httpBody = try APIResponse.encoder().encode(json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw RemoteFailure.unreachable(
                "cannot reach the Runbook server at \(target.base.absoluteString): \(error.localizedDescription). "
                    + "Is `runbook serve` running there? (--server, RUNBOOK_SERVER)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard !(200..<300).contains(status) else { return data }
        throw failure(status: status, body: data, method: method, path: path, role: role, what: what)
    }

    private func failure(
        status: Int, body: Data, method: String, path: String, role: String, what: String?
    ) -> RemoteFailure {
        let error = try? JSONDecoder().decode(APIError.Body.self, from: body)
        var reason = error?.detail ?? String(decoding: body.prefix(300), as: UTF8.self)
        if let field = error?.field, !reason.contains(field) { reason += " (field \(field))" }
        switch status {
        case 401:
            let hint = target.token == nil
                ? "no API token given: pass --token, set RUNBOOK_TOKEN or write token: in the CLI's config file"
                : "the server does not know this API token (removed, or made for another server)"
            return .denied("\(hint). This needs a token with the role \(role) or higher "
                           + "(runbook tokens add NAME --role \(role) on the server). Server said: \(reason)")
        case 403:
            return .denied("the token's role is too low: this needs \(role) or higher. Server said: \(reason)")
        case 404:
            if let what, error?.error == "not_found" {
                return .notFound("no \(what) on \(target.base.absoluteString): \(reason)")
            }
            return .notFound("\(method) \(path) was not found on \(target.base.absoluteString): \(reason)")
        case 503 where error?.error == "store_unavailable":
            return .unreachable("the server at \(target.base.absoluteString) runs without a database: \(reason)")
        case 400..<500:
            return .usage("the server refused the request (\(status)): \(reason)")
        default:
            return .unreachable("the server failed (\(status)): \(reason)")
        }
    }
}

/// A remote command that failed, with the message to print and the exit status.
///
/// Exit statuses: 1 nothing has that id (404); 2 bad input, or a token missing, unknown or too weak; 3 the server
/// cannot be reached or failed.
struct RemoteFailure: Error, CustomStringConvertible {
    let description: String
    let status: Int32

    static func notFound(_ message: String) -> RemoteFailure { RemoteFailure(description: message, status: 1) }
    static func usage(_ message: String) -> RemoteFailure { RemoteFailure(description: message, status: 2) }
    static func denied(_ message: String) -> RemoteFailure { RemoteFailure(description: message, status: 2) }
    static func unreachable(_ message: String) -> RemoteFailure { RemoteFailure(description: message, status: 3) }
}
