import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: the web console's local users; names unique and checked, hashes kept as given.
struct StoreConsoleUserTests {
    @Test(arguments: StoreKind.allCases)
    func usersAreAddedReadListedAndRemoved(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let users = try #require(store as? any ConsoleUserStore)
            let vic = ConsoleUser(name: "vic", role: .operator, passwordHash: "$2b$04$hash", createdAt: Fixture.at(0))
            try await users.addConsoleUser(vic)
            try await users.addConsoleUser(
                ConsoleUser(name: "ana", role: .viewer, passwordHash: "$2b$04$other", createdAt: Fixture.at(1)))
            #expect(try await users.consoleUser(named: "vic") == vic)
            #expect(try await users.consoleUser(named: "nobody") == nil)
            #expect(try await users.consoleUsers().map(\.name) == ["ana", "vic"])

            let duplicate = await #expect(throws: StoreError.self) { try await users.addConsoleUser(vic) }
            #expect(duplicate?.isDuplicate == true)
            let invalid = await #expect(throws: StoreError.self) {
                try await users.addConsoleUser(
                    ConsoleUser(name: "a b", role: .viewer, passwordHash: "x", createdAt: Fixture.at(2)))
            }
            #expect(invalid?.isInvalid == true)

            try await users.removeConsoleUser(name: "vic")
            #expect(try await users.consoleUser(named: "vic") == nil)
            let missing = await #expect(throws: StoreError.self) { try await users.removeConsoleUser(name: "vic") }
            #expect(missing?.isNotFound == true)
        }
    }
}
