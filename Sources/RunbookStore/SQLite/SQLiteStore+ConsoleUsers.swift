import Foundation
import GRDB

extension SQLiteStore: ConsoleUserStore {
    /// Creates a console user.
    public func addConsoleUser(_ user: ConsoleUser) async throws {
        try CredentialName.validate(user.name)
        let row = ConsoleUserRow(user)
        try await pool.write { db in
            guard try !ConsoleUserRow.exists(db, key: user.name) else {
                throw StoreError.duplicate("a user named \(user.name) exists; remove it first")
            }
            try row.insert(db)
        }
    }

    /// The user with this name, nil when there is none.
    public func consoleUser(named name: String) async throws -> ConsoleUser? {
        try await pool.read { db in try ConsoleUserRow.fetchOne(db, key: name)?.user }
    }

    /// Every console user, by name.
    public func consoleUsers() async throws -> [ConsoleUser] {
        try await pool.read { db in try ConsoleUserRow.order(Column("name")).fetchAll(db).map(\.user) }
    }

    /// Deletes a console user.
    public func removeConsoleUser(name: String) async throws {
        let removed = try await pool.write { db in try ConsoleUserRow.deleteOne(db, key: name) }
        guard removed else { throw StoreError.notFound("no user named \(name)") }
    }
}
