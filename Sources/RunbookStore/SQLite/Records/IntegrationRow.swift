import Foundation
import GRDB
import RunbookCore

/// An integration with the hash of its secret, and the signing secret its sender signs with, if any.
///
/// The signing secret is kept in clear: verifying an HMAC needs the key itself.
struct IntegrationRow: Codable, Sendable, SQLiteRecord, PersistableRecord {
    static let databaseTableName = "integrations"

    var name: String
    var source: AlertSource
    var secretHash: String
    var createdAt: Date
    var rotatedAt: Date?
    var signingSecret: String?
    /// The SNS topics a cloudwatch integration accepts, as a JSON array; NULL for any.
    var snsTopics: [String]?

    var integration: Integration {
        Integration(name: name, source: source, createdAt: createdAt, rotatedAt: rotatedAt,
                    hasSigningSecret: signingSecret != nil, snsTopics: snsTopics ?? [])
    }
}
