import Foundation
import GRDB

/// An API token with the hash of its secret.
struct APITokenRow: Codable, Sendable, SQLiteRecord, MutablePersistableRecord {
    static let databaseTableName = "apiTokens"

    var id: Int64?
    var name: String
    var role: APIToken.Role
    var secretHash: String
    var createdAt: Date

    var token: APIToken {
        APIToken(id: id ?? 0, name: name, role: role, createdAt: createdAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
