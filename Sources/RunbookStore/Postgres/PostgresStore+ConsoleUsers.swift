import Foundation
import PostgresNIO

extension PostgresStore: ConsoleUserStore {
    /// Creates a console user; two nodes adding one name at once cannot both succeed.
    public func addConsoleUser(_ user: ConsoleUser) async throws {
        try CredentialName.validate(user.name)
        let inserted = try await client.query(
            """
            INSERT INTO consoleUsers (name, role, passwordHash, createdAt)
            VALUES (\(user.name), \(user.role.rawValue), \(user.passwordHash), \(user.createdAt.timeIntervalSince1970))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """, logger: logger).count()
        guard inserted == 1 else { throw StoreError.duplicate("a user named \(user.name) exists; remove it first") }
    }

    /// The user with this name, nil when there is none.
    public func consoleUser(named name: String) async throws -> ConsoleUser? {
        try await decodeUsers(client.query(
            "SELECT name, role, passwordHash, createdAt FROM consoleUsers WHERE name = \(name)", logger: logger)
        ).first
    }

    /// Every console user, by name.
    public func consoleUsers() async throws -> [ConsoleUser] {
        try await decodeUsers(client.query(
            "SELECT name, role, passwordHash, createdAt FROM consoleUsers ORDER BY name", logger: logger))
    }

    /// Deletes a console user.
    public func removeConsoleUser(name: String) async throws {
        let removed = try await client.query(
            "DELETE FROM consoleUsers WHERE name = \(name) RETURNING name", logger: logger).count()
        guard removed == 1 else { throw StoreError.notFound("no user named \(name)") }
    }

    private func decodeUsers(_ rows: some AsyncSequence<PostgresRow, any Error>) async throws -> [ConsoleUser] {
        var users: [ConsoleUser] = []
        for try await (name, roleName, passwordHash, createdAt) in rows.decode((String, String, String, Double).self) {
            guard let role = APIToken.Role(rawValue: roleName) else {
                throw PostgresStoreFault("console user \(name) has an unknown role \(roleName)")
            }
            users.append(ConsoleUser(
                name: name, role: role, passwordHash: passwordHash, createdAt: Date(timeIntervalSince1970: createdAt)))
        }
        return users
    }
}
