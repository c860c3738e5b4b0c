import Foundation
import Hummingbird
import RunbookCore
import Testing

@testable import RunbookServer

/// `limits.filters_per_query`: too many `label.*` filters on `GET /api/v1/incidents` is a 422, never a 500.
struct QueryFilterLimitTests {
    static func filters(_ count: Int) -> String {
        (0..<count).map { "label.l\($0)=v" }.joined(separator: "&")
    }

    @Test(arguments: [21, 1_100])
    func tooManyLabelFiltersAre422NamingTheLimit(count: Int) async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/incidents?\(Self.filters(count))", as: .viewer)
            #expect(reply.status == .unprocessableContent)
            let error = try reply.error()
            #expect(error.error == "limit_exceeded")
            #expect(error.field == "label.*")
            #expect(error.detail.contains("limits.filters_per_query"))
            #expect(error.detail.contains("at most 20"))
        }
    }

    @Test
    func filtersUpToTheLimitAreAnswered() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/incidents?\(Self.filters(20))", as: .viewer)
            #expect(reply.status == .ok)
        }
    }

    @Test
    func aSmallerConfiguredLimitIsApplied() async throws {
        let harness = try await APIHarness.make()
        var configuration = TestServer.configuration()
        configuration.maxQueryFilters = 2
        try await harness.run(configuration: configuration) { api in
            let reply = try await api.send(.get, "/api/v1/incidents?\(Self.filters(3))", as: .viewer)
            #expect(reply.status == .unprocessableContent)
        }
    }
}
