import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RunbookServer

struct ErrorResponseTests {
    @Test
    func unknownRoutesGetAJSON404() async throws {
        let capture = LogCapture()
        try await TestServer.withLiveServer(dependencies: TestServer.dependencies(capture: capture)) { client in
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(body.error == "not_found")
                #expect(body.detail.contains("/api/v1/nothing-here"))
                #expect(String(buffer: response.body).contains(#""field":null"#))
            }
        }
    }

    @Test
    func aWrongMethodGetsA405NamingTheAllowedOnes() async throws {
        let capture = LogCapture()
        try await TestServer.withLiveServer(dependencies: TestServer.dependencies(capture: capture)) { client in
            try await client.execute(uri: "/__version__", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
                let body = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(body.error == "method_not_allowed")
            }
        }
    }

    @Test
    func aBodyOverTheLimitGetsA413() async throws {
        let capture = LogCapture()
        var configuration = TestServer.configuration()
        configuration.maxRequestBody = 1_024
        try await TestServer.withLiveServer(
            configuration: configuration, dependencies: TestServer.dependencies(capture: capture)
        ) { client in
            let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 2_048)
            try await client.execute(uri: "/__version__", method: .post, body: body) { response in
                #expect(response.status == .contentTooLarge)
                let decoded = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(decoded.error == "payload_too_large")
                #expect(decoded.detail.contains("1KiB"))
            }
        }
    }

    @Test(arguments: [
        (#"{"labels": {}}"#, "missing field `name`", "name"),
        (#"{"name": 3, "labels": {}}"#, "expected String", "name"),
        (#"{"name": "a", "labels": {"k": [1]}}"#, "expected String", "labels.k"),
        ("{", "not valid JSON", nil),
    ])
    func decodingFailuresNameTheField(json: String, detail: String, field: String?) {
        struct Payload: Decodable {
            var name: String
            var labels: [String: String]
        }
        do {
            _ = try JSONDecoder().decode(Payload.self, from: Data(json.utf8))
            Issue.record("decoding \(json) should fail")
        } catch let error as DecodingError {
            let described = ErrorMiddleware.describe(error)
            #expect(described.detail.contains(detail), "\(described.detail)")
            #expect(described.field == field)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
