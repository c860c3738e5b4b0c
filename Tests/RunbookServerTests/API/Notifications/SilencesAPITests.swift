import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// `/api/v1/silences` over a live server: who may do what, what a silence looks like, and every bad body.
struct SilencesAPITests {
    /// The harness's clock: a fixed time, so `ends_at` checks do not depend on the wall clock.
    static let now = APIHarness.start.addingTimeInterval(3_600)

    private static func run(_ body: @Sendable (APIClient, APIHarness) async throws -> Void) async throws {
        let harness = try await APIHarness.make()
        var dependencies = harness.dependencies()
        dependencies.now = { now }
        do {
            try await TestServer.withLiveServer(dependencies: dependencies) { client in
                try await body(APIClient(client: client, secrets: harness.secrets), harness)
            }
        } catch {
            try await harness.close()
            throw error
        }
        try await harness.close()
    }

    @Test
    func anOperatorAddsASilenceThatAViewerSeesAndAnOperatorExpires() async throws {
        try await Self.run { api, harness in
            let body = #"{"matchers": ["alertname=DiskFull", "instance=~db.*"], "duration": "2h", "comment": "swap"}"#
            #expect(try await api.send(.post, "/api/v1/silences", as: .viewer, json: body).status == .forbidden)
            let added = try await api.send(.post, "/api/v1/silences", as: .operator, json: body)
            #expect(added.status == .created)
            let silence = try added.decode(SilenceResource.self)
            #expect(silence.matchers == ["alertname=DiskFull", "instance=~db.*"])
            #expect(silence.createdBy == "ana-operator")
            #expect(silence.startsAt == Self.now)
            #expect(silence.endsAt == Self.now.addingTimeInterval(7_200))
            #expect(silence.status == .active)
            let id = try #require(silence.id)
            let stored = try await harness.store.silences(activeAt: Self.now)
            #expect(stored.first?.silences(["alertname": "DiskFull", "instance": "db3"], at: Self.now) == true)

            let listed = try await api.send(.get, "/api/v1/silences", as: .viewer)
            #expect(try listed.decode(SilencesController.Page.self).silences.map(\.id) == [id])

            let expired = try await api.send(.post, "/api/v1/silences/\(id)/expire", as: .operator)
            #expect(expired.status == .ok)
            let ended = try expired.decode(SilenceResource.self)
            #expect(ended.expiredBy == "ana-operator")
            #expect(ended.status == .expired)

            let active = try await api.send(.get, "/api/v1/silences", as: .viewer)
            #expect(try active.decode(SilencesController.Page.self).silences.isEmpty)
            let all = try await api.send(.get, "/api/v1/silences?all=true", as: .viewer)
            #expect(try all.decode(SilencesController.Page.self).silences.map(\.status) == [.expired])

            let again = try await api.send(.post, "/api/v1/silences/\(id)/expire", as: .operator)
            #expect(again.status == .conflict || again.status == .notFound)
            #expect(try await api.send(.post, "/api/v1/silences/424242/expire", as: .operator).status == .notFound)
        }
    }

    @Test(arguments: [#"ends_at"#, #"endsAt"#])
    func endsAtTakesAnISO8601TimeInEitherSpelling(key: String) async throws {
        try await Self.run { api, _ in
            let body = #"{"matchers": ["team=payments"], "\#(key)": "2025-06-16T00:00:00.500Z", "comment": "move"}"#
            let reply = try await api.send(.post, "/api/v1/silences", as: .operator, json: body)
            #expect(reply.status == .created)
            let silence = try reply.decode(SilenceResource.self)
            let expected = try Date(
                "2025-06-16T00:00:00.500Z", strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            )
            #expect(abs(silence.endsAt.timeIntervalSince(expected)) < 1, "the API writes whole seconds")
        }
    }

    @Test(arguments: [
        (#"{"matchers": [], "duration": "1h", "comment": "c"}"#, "matchers", "at least one matcher"),
        (#"{"duration": "1h", "comment": "c"}"#, "matchers", "matchers"),
        (#"{"matchers": ["a=b", "app=~("], "duration": "1h", "comment": "c"}"#, "matchers[1]",
         "`(` is not a valid regular expression"),
        (#"{"matchers": ["alertname"], "duration": "1h", "comment": "c"}"#, "matchers[0]", "expected name=value"),
        (#"{"matchers": ["\"}]<b>=x"], "duration": "1h", "comment": "c"}"#, "matchers[0]", "label name"),
        (#"{"matchers": ["a=b"], "comment": "c"}"#, "duration", "exactly one of"),
        (#"{"matchers": ["a=b"], "duration": "1h", "ends_at": "2030-01-01T00:00:00Z", "comment": "c"}"#,
         "duration", "exactly one of"),
        (#"{"matchers": ["a=b"], "duration": "soon", "comment": "c"}"#, "duration", "not a duration"),
        (#"{"matchers": ["a=b"], "duration": "0", "comment": "c"}"#, "duration", "not a duration"),
        (#"{"matchers": ["a=b"], "ends_at": "2025-06-15T00:00:00Z", "comment": "c"}"#, "ends_at", "not in the future"),
        (#"{"matchers": ["a=b"], "ends_at": "next week", "comment": "c"}"#, "ends_at", "ISO 8601"),
        (#"{"matchers": ["a=b"], "duration": "1h", "comment": " "}"#, "comment", "say why"),
        (#"{"matchers": "a=b", "duration": "1h", "comment": "c"}"#, "matchers", "Array"),
    ])
    func aBadSilenceIs400NamingTheInputAndWhy(body: String, field: String, detail: String) async throws {
        try await Self.run { api, harness in
            let reply = try await api.send(.post, "/api/v1/silences", as: .operator, json: body)
            #expect(reply.status == .badRequest)
            let error = try reply.error()
            #expect(error.field == field)
            #expect(error.detail.contains(detail), "\(error.detail)")
            #expect(try await harness.store.silences(activeAt: nil).isEmpty)
        }
    }

    @Test
    func aBadAllFlagIs400() async throws {
        try await Self.run { api, _ in
            let reply = try await api.send(.get, "/api/v1/silences?all=maybe", as: .viewer)
            #expect(reply.status == .badRequest)
            #expect(try reply.error().field == "all")
        }
    }
}
