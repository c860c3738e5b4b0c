import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// Silences from hostile operators: durations that overflow, windows over `limits.silence_length`, and regexes
/// over the length and complexity limits get a 4xx and store nothing; the server stays up.
struct SilenceLimitsAPITests {
    static let nines = String(repeating: "9", count: 400)

    private static func post(
        _ body: String, configuration: ServerConfiguration = TestServer.configuration()
    ) async throws -> (status: HTTPResponse.Status, error: APIError.Body?, stored: Int) {
        let harness = try await APIHarness.make()
        var dependencies = harness.dependencies()
        dependencies.now = { SilencesAPITests.now }
        let result: (HTTPResponse.Status, APIError.Body?)
        do {
            result = try await TestServer.withLiveServer(configuration: configuration, dependencies: dependencies) {
                client in
                let api = APIClient(client: client, secrets: harness.secrets)
                let reply = try await api.send(.post, "/api/v1/silences", as: .operator, json: body)
                let alive = try await api.send(.get, "/api/v1/silences", as: .viewer)
                #expect(alive.status == .ok)
                return (reply.status, reply.status == .created ? nil : try reply.error())
            }
        } catch {
            try await harness.close()
            throw error
        }
        let stored = try await harness.store.silences(activeAt: nil).count
        try await harness.close()
        return (result.0, result.1, stored)
    }

    @Test(arguments: [
        ("20000000000w", "duration"), ("\(nines)d", "duration"), ("\(nines)", "duration"), ("91d", "duration"),
        ("1e400s", "duration"),
    ])
    func aDurationTooLongIs422NamingTheField(duration: String, field: String) async throws {
        let body = #"{"matchers": ["a=b"], "duration": "\#(duration)", "comment": "c"}"#
        let reply = try await Self.post(body)
        #expect(reply.status == .unprocessableContent || reply.status == .badRequest)
        #expect(reply.error?.field == field)
        #expect(reply.stored == 0)
    }

    @Test
    func aSilenceOverTheConfiguredLengthIs422NamingTheSetting() async throws {
        let body = #"{"matchers": ["a=b"], "duration": "91d", "comment": "c"}"#
        let reply = try await Self.post(body)
        #expect(reply.status == .unprocessableContent)
        #expect(reply.error?.error == "limit_exceeded")
        #expect(reply.error?.detail.contains("limits.silence_length") == true)
        #expect(reply.error?.detail.contains("90d") == true)
    }

    @Test
    func anEndTimeOverTheLengthIs422AtEndsAt() async throws {
        let body = #"{"matchers": ["a=b"], "ends_at": "2099-01-01T00:00:00Z", "comment": "c"}"#
        let reply = try await Self.post(body)
        #expect(reply.status == .unprocessableContent)
        #expect(reply.error?.field == "ends_at")
    }

    @Test
    func aLongerConfiguredLengthIsGranted() async throws {
        var configuration = TestServer.configuration()
        configuration.maxSilenceLength = .seconds(200 * 86_400)
        let reply = try await Self.post(#"{"matchers": ["a=b"], "duration": "91d", "comment": "c"}"#,
                                        configuration: configuration)
        #expect(reply.status == .created)
        #expect(reply.stored == 1)
    }

    @Test
    func aRegexOverTheLengthLimitIs422() async throws {
        let pattern = String(repeating: "a", count: 300)
        let reply = try await Self.post(#"{"matchers": ["app=~\#(pattern)"], "duration": "1h", "comment": "c"}"#)
        #expect(reply.status == .unprocessableContent)
        #expect(reply.error?.field == "matchers[0]")
        #expect(reply.stored == 0)
    }

    @Test
    func aBackreferenceIs400SayingItIsNotSupported() async throws {
        let reply = try await Self.post(#"{"matchers": ["app=~(a)\\1"], "duration": "1h", "comment": "c"}"#)
        #expect(reply.status == .badRequest)
        #expect(reply.error?.detail.contains("backreferences") == true)
    }
}
