import Foundation
import GRDB
import RunbookCore
import Testing

@testable import RunbookStore

/// Contract: a Sentry integration's signing secret is stored readable, set, replaced and removed, only on Sentry
/// integrations, and never handed out with the integration.
struct StoreSigningSecretTests {
    static let clientSecret = "4c1b2bd6a1e2f3a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6"

    @Test(arguments: StoreKind.allCases)
    func anIntegrationAddedWithASigningSecretKeepsItThroughRotation(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let issued = try await store.addIntegration(
                name: "errors", source: .sentry, signingSecret: Self.clientSecret, at: Fixture.at(0))
            #expect(issued.value.hasSigningSecret)
            #expect(issued.secret.hasPrefix("rbi_"))
            #expect(try await store.signingSecret(ofIntegration: "errors") == Self.clientSecret)
            #expect(try await store.integrations().map(\.hasSigningSecret) == [true])

            let rotated = try await store.rotateIntegration(name: "errors", at: Fixture.at(1))
            #expect(rotated.value.hasSigningSecret)
            #expect(try await store.signingSecret(ofIntegration: "errors") == Self.clientSecret)
            #expect(try await store.authenticateIntegration(name: "errors", secret: rotated.secret) != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSigningSecretIsSetReplacedAndRemoved(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let issued = try await store.addIntegration(name: "errors", source: .sentry, at: Fixture.at(0))
            #expect(!issued.value.hasSigningSecret)
            #expect(try await store.signingSecret(ofIntegration: "errors") == nil)

            #expect(try await store.setSigningSecret("first", integration: "errors").hasSigningSecret)
            #expect(try await store.signingSecret(ofIntegration: "errors") == "first")
            _ = try await store.setSigningSecret(Self.clientSecret, integration: "errors")
            #expect(try await store.signingSecret(ofIntegration: "errors") == Self.clientSecret)

            #expect(try await !store.setSigningSecret(nil, integration: "errors").hasSigningSecret)
            #expect(try await store.signingSecret(ofIntegration: "errors") == nil)
            #expect(try await store.integrations().map(\.hasSigningSecret) == [false])
            #expect(try await store.authenticateIntegration(name: "errors", secret: issued.secret) != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anUnknownIntegrationHasNoSigningSecretAndCannotGetOne(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let secret = try await store.signingSecret(ofIntegration: "nobody")
            #expect(secret == nil)
            let missing = await #expect(throws: StoreError.self) {
                try await store.setSigningSecret("secret", integration: "nobody")
            }
            #expect(missing?.isNotFound == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func onlySentryIntegrationsTakeASigningSecret(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let refused = await #expect(throws: StoreError.self) {
                try await store.addIntegration(name: "am", source: .alertmanager, signingSecret: "secret",
                                               at: Fixture.at(0))
            }
            #expect(refused?.isInvalid == true)
            #expect(try await store.integrations().isEmpty)

            _ = try await store.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
            let notSet = await #expect(throws: StoreError.self) {
                try await store.setSigningSecret("secret", integration: "am")
            }
            #expect(notSet?.isInvalid == true)
            #expect(try await store.signingSecret(ofIntegration: "am") == nil)
        }
    }

    @Test(arguments: ["", "two words", "tab\there", "line\n", "é-accent", String(repeating: "a", count: 513)])
    func aMalformedSigningSecretIsRefusedAndLeavesTheOldOne(secret: String) async throws {
        try await StoreKind.sqlite.withStore { store in
            _ = try await store.addIntegration(name: "errors", source: .sentry, signingSecret: "kept",
                                               at: Fixture.at(0))
            let refused = await #expect(throws: StoreError.self) {
                try await store.setSigningSecret(secret, integration: "errors")
            }
            #expect(refused?.isInvalid == true)
            #expect(try await store.signingSecret(ofIntegration: "errors") == "kept")
            let notAdded = await #expect(throws: StoreError.self) {
                try await store.addIntegration(name: "more", source: .sentry, signingSecret: secret, at: Fixture.at(1))
            }
            #expect(notAdded?.isInvalid == true)
            #expect(try await store.integrations().map(\.name) == ["errors"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theSigningSecretSurvivesClosingAndReopening(kind: StoreKind) async throws {
        let location = try kind.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let first = try await kind.open(at: location)
        _ = try await first.addIntegration(name: "errors", source: .sentry, signingSecret: Self.clientSecret,
                                           at: Fixture.at(0))
        try await first.close()
        let second = try await kind.open(at: location)
        #expect(try await second.signingSecret(ofIntegration: "errors") == Self.clientSecret)
        #expect(try await second.integrations().first?.hasSigningSecret == true)
        try await second.close()
    }

    @Test
    func integrationsFromBeforeTheMigrationHaveNoSigningSecret() async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let path = location.appendingPathComponent("runbook.sqlite").path
        let old = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(old, upTo: "v2-heartbeat")
        try await old.write { db in
            try db.execute(sql: "INSERT INTO integrations (name, source, secretHash, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: ["errors", "sentry", SecretHash.of("rbi_old"), 0])
        }
        try old.close()

        let store = try SQLiteStore(path: path)
        #expect(try await store.integrations().map(\.hasSigningSecret) == [false])
        #expect(try await store.authenticateIntegration(name: "errors", secret: "rbi_old") != nil)
        _ = try await store.setSigningSecret(Self.clientSecret, integration: "errors")
        #expect(try await store.signingSecret(ofIntegration: "errors") == Self.clientSecret)
        try await store.close()
    }
}
