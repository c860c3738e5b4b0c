import Foundation
import Hummingbird
import HummingbirdTesting
import RunbookStore
import Testing

@testable import RunbookServer

struct ErrorMiddlewareTests {
    struct DiskOnFire: Error {}

    struct Payload: Decodable {
        var name: String
    }

    /// The server's router plus routes that fail in each way a handler can.
    private func application(capture: LogCapture) -> some ApplicationProtocol {
        let router = buildRouter(configuration: TestServer.configuration(),
                                 dependencies: TestServer.dependencies(capture: capture))
        router.get("/test/fault") { _, _ -> String in throw DiskOnFire() }
        router.post("/test/decode") { request, context -> String in
            try await request.decodeJSON(as: Payload.self, limit: 1_024).name
        }
        router.get("/test/full") { _, _ -> String in throw StoreUnavailable(.full) }
        router.get("/test/queue") { _, _ -> String in throw StoreUnavailable(.overloaded(limit: 7)) }
        router.get("/test/unreachable") { _, _ -> String in
            throw StoreUnavailable(.unreachable("cannot reach PostgreSQL at db.internal:5432/runbook"))
        }
        router.get("/test/forbidden") { _, _ -> String in throw HTTPError(.forbidden, message: "operators only") }
        return Application(router: router, logger: capture.logger())
    }

    @Test
    func aServerFaultIsA500ThatGivesNothingAwayButIsLogged() async throws {
        let capture = LogCapture()
        try await application(capture: capture).test(.router) { client in
            try await client.execute(uri: "/test/fault", method: .get) { response in
                #expect(response.status == .internalServerError)
                let body = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(body.error == "internal")
                #expect(!body.detail.contains("DiskOnFire"))
            }
        }
        let failure = try #require(capture.objects.first { $0["type"] as? String == "request.failed" })
        #expect(((failure["fields"] as? [String: Any])?["error"] as? String)?.hasSuffix("DiskOnFire()") == true)
    }

    @Test
    func aBodyMissingAFieldIsA400NamingIt() async throws {
        let capture = LogCapture()
        try await application(capture: capture).test(.router) { client in
            try await client.execute(
                uri: "/test/decode", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"title": "x"}"#)
            ) { response in
                #expect(response.status == .badRequest)
                let body = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(body.error == "bad_request")
                #expect(body.field == "name")
            }
        }
    }

    @Test(arguments: [
        ("text/plain", #"{"name": "x"}"#, 415, "unsupported_media_type", "Content-Type"),
        ("application/json", String(repeating: " ", count: 2_000) + "{}", 413, "payload_too_large", nil),
        ("application/vnd.api+json", "[1]", 400, "bad_request", nil),
        ("application/json", #"{"name": 3}"#, 400, "bad_request", "name"),
    ] as [(String, String, Int, String, String?)])
    func everyWayABodyCanBeWrongIsA4xx(contentType: String, body: String, status: Int, code: String, field: String?)
        async throws
    {
        let capture = LogCapture()
        try await application(capture: capture).test(.router) { client in
            try await client.execute(
                uri: "/test/decode", method: .post, headers: [.contentType: contentType], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status.code == status)
                let decoded = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(decoded.error == code)
                #expect(decoded.field == field)
            }
        }
    }

    @Test
    func hummingbirdErrorsKeepTheirStatusAndMessage() async throws {
        let capture = LogCapture()
        try await application(capture: capture).test(.router) { client in
            try await client.execute(uri: "/test/forbidden", method: .get) { response in
                #expect(response.status == .forbidden)
                let body = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                #expect(body == APIError.Body(error: "forbidden", detail: "operators only", field: nil))
            }
        }
    }

    @Test
    func aFullDiskOrAFullWriteQueueIsA503WithRetryAfter() async throws {
        let capture = LogCapture()
        try await application(capture: capture).test(.router) { client in
            let full = try await client.execute(uri: "/test/full", method: .get)
            #expect(full.status == .serviceUnavailable)
            #expect(full.headers[.retryAfter] == "30")
            #expect(full.error?.error == "storage_full")
            let queue = try await client.execute(uri: "/test/queue", method: .get)
            #expect(queue.status == .serviceUnavailable)
            #expect(queue.headers[.retryAfter] == "1")
            #expect(queue.error?.error == "overloaded")
            #expect(queue.error?.detail.contains("http.max_queued_writes") == true)
        }
        #expect(capture.lines.contains { $0.contains("store.full") })
    }

    @Test
    func anUnreachableDatabaseIsA503ThatKeepsItsAddressInTheLog() async throws {
        let capture = LogCapture()
        try await application(capture: capture).test(.router) { client in
            let response = try await client.execute(uri: "/test/unreachable", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(response.error?.error == "database_unavailable")
            #expect(response.error?.detail.contains("db.internal") == false)
        }
        #expect(capture.lines.contains { $0.contains("store.unreachable") && $0.contains("db.internal:5432") })
    }
}
