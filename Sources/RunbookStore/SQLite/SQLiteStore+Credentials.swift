import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// Creates an integration; its secret is returned this once and stored as a SHA-256 hash.
    public func addIntegration(name: String, source: AlertSource, at: Date) async throws -> Issued<Integration> {
        try await addIntegration(name: name, source: source, signingSecret: nil, at: at)
    }

    /// Creates an integration, with a signing secret when one is given (Sentry only).
    public func addIntegration(
        name: String, source: AlertSource, signingSecret: String?, at: Date
    ) async throws -> Issued<Integration> {
        try CredentialName.validate(name)
        if let signingSecret { try Integration.validate(signingSecret: signingSecret, source: source) }
        let secret = configuration.secrets.make(prefix: CredentialName.integrationSecretPrefix)
        let row = IntegrationRow(name: name, source: source, secretHash: SecretHash.of(secret), createdAt: at,
                                 signingSecret: signingSecret)
        try await pool.write { db in
            guard try !IntegrationRow.exists(db, key: name) else {
                throw StoreError.duplicate("an integration named \(name) exists; rotate or remove it")
            }
            try row.insert(db)
        }
        return Issued(value: row.integration, secret: secret)
    }

    /// Every integration, by name.
    public func integrations() async throws -> [Integration] {
        try await pool.read { db in
            try IntegrationRow.order(Column("name")).fetchAll(db).map(\.integration)
        }
    }

    /// Gives an integration a new secret; the old one stops working at once.
    public func rotateIntegration(name: String, at: Date) async throws -> Issued<Integration> {
        let secret = configuration.secrets.make(prefix: CredentialName.integrationSecretPrefix)
        let row = try await pool.write { db in
            guard var row = try IntegrationRow.fetchOne(db, key: name) else {
                throw StoreError.notFound("no integration named \(name)")
            }
            row.secretHash = SecretHash.of(secret)
            row.rotatedAt = at
            try row.update(db)
            return row
        }
        return Issued(value: row.integration, secret: secret)
    }

    /// Deletes an integration.
    public func removeIntegration(name: String) async throws {
        let removed = try await pool.write { db in try IntegrationRow.deleteOne(db, key: name) }
        guard removed else { throw StoreError.notFound("no integration named \(name)") }
    }

    /// The integration when `secret` is its current secret (constant-time compare), else nil.
    ///
    /// Rows come from ``IntegrationCache`` (every ingest request asks; a read transaction per request was a
    /// thread hop and a read). Changes made through this store apply at once; changes made by another process
    /// within ``StoreConfiguration/integrationCacheLifetime``.
    public func authenticateIntegration(name: String, secret: String) async throws -> Integration? {
        let cached = integrationCache.lookup(name)
        var row = cached.row
        if row == nil {
            let readAt = ContinuousClock.now
            row = try await pool.read { db in
                try IntegrationRow.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM integrations WHERE name = ?"), arguments: [name])
            }
            if let row { integrationCache.store(row, name: name, generation: cached.generation, readAt: readAt) }
        }
        guard let row, SecretHash.matches(secret, storedHash: row.secretHash) else { return nil }
        return row.integration
    }

    /// Creates an API token; its secret is returned this once and stored as a SHA-256 hash.
    public func addToken(name: String, role: APIToken.Role, at: Date) async throws -> Issued<APIToken> {
        try CredentialName.validate(name)
        let secret = configuration.secrets.make(prefix: CredentialName.tokenSecretPrefix)
        var row = APITokenRow(name: name, role: role, secretHash: SecretHash.of(secret), createdAt: at)
        row = try await pool.write { [row] db in
            guard try APITokenRow.filter(Column("name") == name).fetchCount(db) == 0 else {
                throw StoreError.duplicate("a token named \(name) exists; remove it first")
            }
            var inserted = row
            try inserted.insert(db)
            return inserted
        }
        return Issued(value: row.token, secret: secret)
    }

    /// Every API token, by name.
    public func tokens() async throws -> [APIToken] {
        try await pool.read { db in
            try APITokenRow.order(Column("name")).fetchAll(db).map(\.token)
        }
    }

    /// Deletes an API token.
    public func removeToken(name: String) async throws {
        let removed = try await pool.write { db in
            try APITokenRow.filter(Column("name") == name).deleteAll(db)
        }
        guard removed > 0 else { throw StoreError.notFound("no token named \(name)") }
    }

    /// The token whose secret was presented, looked up by its hash, else nil.
    public func token(presented secret: String) async throws -> APIToken? {
        let hash = SecretHash.of(secret)
        let row = try await pool.read { db in
            try APITokenRow.filter(Column("secretHash") == hash).fetchOne(db)
        }
        guard let row, SecretHash.matches(secret, storedHash: row.secretHash) else { return nil }
        return row.token
    }
}
