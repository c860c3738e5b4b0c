import AsyncHTTPClient
import Foundation
import NIOCore

/// HTTP requests from the tests to a `runbook serve` child on loopback.
///
/// AsyncHTTPClient rather than Foundation's `URLSession`: each request has a deadline after which it fails, so a
/// server that never answers fails the one test, where a lost completion would leave the whole test run waiting.
enum LoopbackHTTP {
    /// How long a request may take before it fails.
    static let deadline: TimeAmount = .seconds(60)

    /// Sends `method` to `url` with a bearer token and a JSON body when given; the status and the body.
    static func send(
        _ url: String, method: String = "GET", bearer: String? = nil, body: String? = nil
    ) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: deadline)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), Data(bytes.readableBytesView))
    }
}
