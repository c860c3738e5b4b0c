import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A browser of the console over real HTTP: keeps cookies, posts forms, reads the CSRF token of a page.
actor ConsoleBrowser {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// A response's status, headers, `Set-Cookie` lines and body text.
    struct Page: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var setCookies: [String]
        var text: String

        var location: String? { headers[.location] }

        /// The value of the first hidden `csrf` field.
        var csrf: String? {
            guard let range = text.range(of: #"name="csrf" value=""#) else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }

        /// The `Set-Cookie` line of the cookie `name`.
        func setCookie(_ name: String) -> String? {
            setCookies.first { $0.hasPrefix(name + "=") }
        }
    }

    /// Gets `uri`; `headers` add to (or replace) the browser's own.
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(.get, uri, body: nil, extra: extra)
    }

    /// Posts `fields` as a form; `headers` add to (or replace) the browser's own.
    func post(_ uri: String, _ fields: [String: String], headers extra: HTTPFields = [:]) async throws -> Page {
        let body = fields.sorted { $0.key < $1.key }.map { name, value in
            "\(Self.encode(name))=\(Self.encode(value))"
        }.joined(separator: "&")
        return try await send(.post, uri, body: body, extra: extra)
    }

    /// Signs in with an API token through the sign-in form.
    func signIn(token: String) async throws -> Page {
        let form = try await get("/sign-in")
        return try await post("/sign-in", ["csrf": form.csrf ?? "", "token": token, "next": "/incidents"])
    }

    /// Signs in with a user name and password through the sign-in form.
    func signIn(name: String, password: String) async throws -> Page {
        let form = try await get("/sign-in")
        return try await post("/sign-in", ["csrf": form.csrf ?? "", "name": name, "password": password])
    }

    func forget(_ name: String) {
        cookies[name] = nil
    }

    private func send(
        _ method: HTTPRequest.Method, _ uri: String, body: String?, extra: HTTPFields = [:]
    ) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        for field in extra { headers[field.name] = field.value }
        let page = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            Page(status: response.status, headers: response.headers,
                 setCookies: response.headers[values: .setCookie], text: String(buffer: response.body))
        }
        for line in page.setCookies {
            let pair = line.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let name = String(pair[0])
            cookies[name] = pair[1].isEmpty || line.contains("Max-Age=0") ? nil : String(pair[1])
        }
        return page
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
