import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: integrations and API tokens; secrets shown once, stored hashed, checked exactly.
struct StoreCredentialTests {
    @Test(arguments: StoreKind.allCases)
    func integrationsAreAddedListedRotatedAndRemoved(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let issued = try await store.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
            #expect(issued.secret.hasPrefix("rbi_"))
            #expect(issued.secret.count == 4 + 43)
            _ = try await store.addIntegration(name: "errors", source: .sentry, at: Fixture.at(1))
            #expect(try await store.integrations().map(\.name) == ["am", "errors"])
            #expect(try await store.authenticateIntegration(name: "am", secret: issued.secret)?.source == .alertmanager)
            #expect(try await store.authenticateIntegration(name: "errors", secret: issued.secret) == nil)

            let rotated = try await store.rotateIntegration(name: "am", at: Fixture.at(2))
            #expect(rotated.secret != issued.secret)
            #expect(rotated.value.rotatedAt == Fixture.at(2))
            #expect(try await store.authenticateIntegration(name: "am", secret: issued.secret) == nil)
            #expect(try await store.authenticateIntegration(name: "am", secret: rotated.secret) != nil)

            try await store.removeIntegration(name: "am")
            #expect(try await store.authenticateIntegration(name: "am", secret: rotated.secret) == nil)
            #expect(try await store.integrations().map(\.name) == ["errors"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func integrationNamesAreUniqueAndChecked(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.addIntegration(name: "am", source: .alertmanager, at: Fixture.at(0))
            let duplicate = await #expect(throws: StoreError.self) {
                try await store.addIntegration(name: "am", source: .sentry, at: Fixture.at(1))
            }
            #expect(duplicate?.isDuplicate == true)
            let invalid = await #expect(throws: StoreError.self) {
                try await store.addIntegration(name: "a/b c", source: .sentry, at: Fixture.at(1))
            }
            #expect(invalid?.isInvalid == true)
            let missing = await #expect(throws: StoreError.self) {
                try await store.rotateIntegration(name: "nope", at: Fixture.at(1))
            }
            #expect(missing?.isNotFound == true)
            let notRemoved = await #expect(throws: StoreError.self) { try await store.removeIntegration(name: "nope") }
            #expect(notRemoved?.isNotFound == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func tokensAreFoundByTheirSecretOnly(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ana = try await store.addToken(name: "ana", role: .admin, at: Fixture.at(0))
            let bot = try await store.addToken(name: "bot", role: .viewer, at: Fixture.at(1))
            #expect(ana.secret.hasPrefix("rbt_"))
            #expect(try await store.tokens().map(\.name) == ["ana", "bot"])
            #expect(try await store.token(presented: ana.secret)?.role == .admin)
            #expect(try await store.token(presented: bot.secret)?.name == "bot")
            #expect(try await store.token(presented: ana.secret + "x") == nil)
            #expect(try await store.token(presented: "") == nil)
            let duplicate = await #expect(throws: StoreError.self) {
                try await store.addToken(name: "ana", role: .viewer, at: Fixture.at(2))
            }
            #expect(duplicate?.isDuplicate == true)
            try await store.removeToken(name: "ana")
            #expect(try await store.token(presented: ana.secret) == nil)
            #expect(try await store.tokens().map(\.name) == ["bot"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func secretsComeFromTheGivenGenerator(kind: StoreKind) async throws {
        let configuration = StoreConfiguration(secrets: SecretGenerator { [UInt8](repeating: 0xFF, count: 32) })
        try await kind.withStore(configuration: configuration) { store in
            let issued = try await store.addToken(name: "ana", role: .operator, at: Fixture.at(0))
            #expect(issued.secret == "rbt_" + String(repeating: "_", count: 42) + "8")
        }
    }
}
