import Foundation
import GRDB
import RunbookCore

/// An integration with the hash of its secret.
struct IntegrationRow: Codable, Sendable, SQLiteRecord, PersistableRecord {
    static let databaseTableName = "integrations"

    var name: String
    var source: AlertSource
    var secretHash: String
    var createdAt: Date
    var rotatedAt: Date?

    var integration: Integration {
        Integration(name: name, source: source, createdAt: createdAt, rotatedAt: rotatedAt)
    }
}
