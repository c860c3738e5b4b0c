import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Integrations are cached for authentication: changes through the store apply at once, changes made by
/// another process (a second store on the same file, as the admin CLI opens it) within the cache's lifetime.
struct IntegrationCacheTests {
    private static func withServerAndCLI(
        lifetime: Duration, _ body: (SQLiteStore, SQLiteStore) async throws -> Void
    ) async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let path = location.appendingPathComponent("runbook.sqlite").path
        let server = try SQLiteStore(path: path, configuration: StoreConfiguration(integrationCacheLifetime: lifetime))
        let cli = try SQLiteStore(path: path)
        try await body(server, cli)
        try await cli.close()
        try await server.close()
    }

    /// Asks until `accepted` says what is expected, for at most ten seconds; returns what it said last.
    private static func eventually(
        _ expected: Bool, _ accepted: () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        var answer = try await accepted()
        while answer != expected, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            answer = try await accepted()
        }
        return answer
    }

    @Test
    func integrationRemovedByAnotherProcessStopsWorkingWithinTheLifetime() async throws {
        try await Self.withServerAndCLI(lifetime: .milliseconds(200)) { server, cli in
            let issued = try await cli.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
            #expect(try await server.authenticateIntegration(name: "am", secret: issued.secret) != nil)
            try await cli.removeIntegration(name: "am")
            let accepted = try await Self.eventually(false) {
                try await server.authenticateIntegration(name: "am", secret: issued.secret) != nil
            }
            #expect(!accepted)
        }
    }

    @Test
    func secretRotatedByAnotherProcessReplacesTheOldOneWithinTheLifetime() async throws {
        try await Self.withServerAndCLI(lifetime: .milliseconds(200)) { server, cli in
            let issued = try await cli.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
            #expect(try await server.authenticateIntegration(name: "am", secret: issued.secret) != nil)
            let rotated = try await cli.rotateIntegration(name: "am", at: Fixture.at(1))
            let newAccepted = try await Self.eventually(true) {
                try await server.authenticateIntegration(name: "am", secret: rotated.secret) != nil
            }
            #expect(newAccepted)
            #expect(try await server.authenticateIntegration(name: "am", secret: issued.secret) == nil)
        }
    }

    @Test
    func cachedIntegrationIsServedUntilTheLifetimeEnds() async throws {
        try await Self.withServerAndCLI(lifetime: .seconds(3600)) { server, cli in
            let issued = try await cli.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
            #expect(try await server.authenticateIntegration(name: "am", secret: issued.secret) != nil)
            try await cli.removeIntegration(name: "am")
            #expect(try await server.authenticateIntegration(name: "am", secret: issued.secret) != nil)
        }
    }

    @Test
    func changesThroughTheSameStoreApplyAtOnce() async throws {
        try await Self.withServerAndCLI(lifetime: .seconds(3600)) { server, _ in
            let issued = try await server.addIntegration(name: "aws", source: .cloudwatch, at: Fixture.at(0))
            #expect(try await server.authenticateIntegration(name: "aws", secret: issued.secret)?.snsTopics == [])
            let topic = "arn:aws:sns:eu-west-1:123456789012:alarms"
            _ = try await server.setSNSTopics([topic], integration: "aws")
            #expect(try await server.authenticateIntegration(name: "aws", secret: issued.secret)?.snsTopics == [topic])
            let rotated = try await server.rotateIntegration(name: "aws", at: Fixture.at(1))
            #expect(try await server.authenticateIntegration(name: "aws", secret: issued.secret) == nil)
            #expect(try await server.authenticateIntegration(name: "aws", secret: rotated.secret) != nil)
            try await server.removeIntegration(name: "aws")
            #expect(try await server.authenticateIntegration(name: "aws", secret: rotated.secret) == nil)
        }
    }

    @Test
    func integrationAddedByAnotherProcessWorksAtOnceAfterAMiss() async throws {
        try await Self.withServerAndCLI(lifetime: .seconds(3600)) { server, cli in
            #expect(try await server.authenticateIntegration(name: "am", secret: "rbi_none") == nil)
            let issued = try await cli.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
            #expect(try await server.authenticateIntegration(name: "am", secret: issued.secret) != nil)
        }
    }
}
