import Foundation
import GRDB

/// A console user as stored.
struct ConsoleUserRow: Codable, Sendable, SQLiteRecord, PersistableRecord {
    static let databaseTableName = "consoleUsers"

    var name: String
    var role: APIToken.Role
    var passwordHash: String
    var createdAt: Date

    init(_ user: ConsoleUser) {
        name = user.name
        role = user.role
        passwordHash = user.passwordHash
        createdAt = user.createdAt
    }

    var user: ConsoleUser {
        ConsoleUser(name: name, role: role, passwordHash: passwordHash, createdAt: createdAt)
    }
}
