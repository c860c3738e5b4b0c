import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// Sets or removes an integration's signing secret (Sentry only); its own secret is unchanged.
    public func setSigningSecret(_ signingSecret: String?, integration name: String) async throws -> Integration {
        try await pool.write { db in
            guard var row = try IntegrationRow.fetchOne(db, key: name) else {
                throw StoreError.notFound("no integration named \(name)")
            }
            if let signingSecret { try Integration.validate(signingSecret: signingSecret, source: row.source) }
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
}
