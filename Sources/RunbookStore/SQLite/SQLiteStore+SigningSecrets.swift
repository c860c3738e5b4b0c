import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// The longest signing secret accepted (Sentry's client secrets are 64 hex digits).
    static let signingSecretLimit = 512

    /// Sets or removes an integration's signing secret (Sentry only); its own secret is unchanged.
    public func setSigningSecret(_ signingSecret: String?, integration name: String) async throws -> Integration {
        try await pool.write { db in
            guard var row = try IntegrationRow.fetchOne(db, key: name) else {
                throw StoreError.notFound("no integration named \(name)")
            }
            if let signingSecret { try Self.validate(signingSecret: signingSecret, source: row.source) }
            row.signingSecret = signingSecret
            try row.update(db)
            return row.integration
        }
    }

    /// The integration's signing secret, nil when there is no such integration or it has none.
    public func signingSecret(ofIntegration name: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT signingSecret FROM integrations WHERE name = ?", arguments: [name])
        }
    }

    /// Signing secrets are for Sentry, and are 1–512 visible ASCII characters (no spaces).
    static func validate(signingSecret: String, source: AlertSource) throws {
        guard source == .sentry else {
            throw StoreError.invalid(
                "only sentry integrations take a signing secret; this one receives \(source.rawValue) alerts")
        }
        let visible = signingSecret.unicodeScalars.allSatisfy { $0.isASCII && (0x21...0x7E).contains($0.value) }
        guard (1...signingSecretLimit).contains(signingSecret.unicodeScalars.count), visible else {
            throw StoreError.invalid(
                "a signing secret must be 1–\(signingSecretLimit) visible ASCII characters, without spaces")
        }
    }
}
