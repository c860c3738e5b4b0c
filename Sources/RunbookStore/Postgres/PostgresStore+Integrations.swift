import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore: IntegrationStore {
    private static let integrationColumns = "name, source, secretHash, createdAt, rotatedAt, signingSecret, snsTopics"

    /// Creates an integration; its secret is returned this once and stored as a SHA-256 hash.
    public func addIntegration(name: String, source: AlertSource, at: Date) async throws -> Issued<Integration> {
        try await addIntegration(name: name, source: source, signingSecret: nil, at: at)
    }

    /// Creates an integration, with a signing secret when one is given (Sentry only).
    ///
    /// Two nodes adding one name at once cannot both succeed: the insert does nothing on a taken name.
    public func addIntegration(
        name: String, source: AlertSource, signingSecret: String?, at: Date
    ) async throws -> Issued<Integration> {
        try CredentialName.validate(name)
        if let signingSecret { try Integration.validate(signingSecret: signingSecret, source: source) }
        let secret = configuration.secrets.make(prefix: CredentialName.integrationSecretPrefix)
        let inserted = try await client.query(
            """
            INSERT INTO integrations (name, source, secretHash, createdAt, signingSecret)
            VALUES (\(name), \(source.rawValue), \(SecretHash.of(secret)), \(at.timeIntervalSince1970),
                \(signingSecret))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """, logger: logger).count()
        guard inserted == 1 else {
            throw StoreError.duplicate("an integration named \(name) exists; rotate or remove it")
        }
        let integration = Integration(
            name: name, source: source, createdAt: at, hasSigningSecret: signingSecret != nil)
        return Issued(value: integration, secret: secret)
    }

    /// Every integration, by name.
    public func integrations() async throws -> [Integration] {
        try await rows("SELECT \(unescaped: Self.integrationColumns) FROM integrations ORDER BY name")
            .map(\.integration)
    }

    /// Gives an integration a new secret; the old one stops working at once, on every node.
    public func rotateIntegration(name: String, at: Date) async throws -> Issued<Integration> {
        let secret = configuration.secrets.make(prefix: CredentialName.integrationSecretPrefix)
        guard let row = try await rows(
            """
            UPDATE integrations SET secretHash = \(SecretHash.of(secret)), rotatedAt = \(at.timeIntervalSince1970)
            WHERE name = \(name) RETURNING \(unescaped: Self.integrationColumns)
            """).first
        else {
            throw StoreError.notFound("no integration named \(name)")
        }
        return Issued(value: row.integration, secret: secret)
    }

    /// Deletes an integration.
    public func removeIntegration(name: String) async throws {
        let removed = try await client.query(
            "DELETE FROM integrations WHERE name = \(name) RETURNING name", logger: logger).count()
        guard removed == 1 else { throw StoreError.notFound("no integration named \(name)") }
    }

    /// The integration when `secret` is its current secret (constant-time compare), else nil.
    ///
    /// Read for every request, so that a rotation or removal on any node applies at once everywhere.
    public func authenticateIntegration(name: String, secret: String) async throws -> Integration? {
        let found = try await guardedRead("integration lookup") {
            try await self.rows(
                "SELECT \(unescaped: Self.integrationColumns) FROM integrations WHERE name = \(name)", .lookup).first
        }
        guard let row = found, SecretHash.matches(secret, storedHash: row.secretHash) else { return nil }
        return row.integration
    }

    /// Sets or removes an integration's signing secret (Sentry only); its own secret is unchanged.
    public func setSigningSecret(_ signingSecret: String?, integration name: String) async throws -> Integration {
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            let row = try await Self.lockedIntegration(name, connection, logger: logger)
            if let signingSecret { try Integration.validate(signingSecret: signingSecret, source: row.source) }
            try await connection.query(
                "UPDATE integrations SET signingSecret = \(signingSecret) WHERE name = \(name)", logger: logger)
            var integration = row.integration
            integration.hasSigningSecret = signingSecret != nil
            return integration
        }
    }

    /// The integration's signing secret, nil when there is no such integration or it has none.
    public func signingSecret(ofIntegration name: String) async throws -> String? {
        try await rows("SELECT \(unescaped: Self.integrationColumns) FROM integrations WHERE name = \(name)")
            .first?.signingSecret
    }

    /// Pins a cloudwatch integration to SNS topics; an empty list accepts any topic.
    public func setSNSTopics(_ topics: [String], integration name: String) async throws -> Integration {
        let pinned = try Integration.pinned(snsTopics: topics)
        let logger = logger
        return try await client.transaction(logger: logger) { connection in
            let row = try await Self.lockedIntegration(name, connection, logger: logger)
            guard row.source == .cloudwatch || pinned.isEmpty else {
                throw StoreError.invalid(
                    "only cloudwatch integrations take SNS topics; this one receives \(row.source.rawValue) alerts")
            }
            let stored = pinned.isEmpty ? nil : String(decoding: try JSONEncoder().encode(pinned), as: UTF8.self)
            try await connection.query(
                "UPDATE integrations SET snsTopics = \(stored) WHERE name = \(name)", logger: logger)
            var integration = row.integration
            integration.snsTopics = pinned
            return integration
        }
    }

    /// An integration as stored: the hash of its secret, and its signing secret in clear.
    private struct IntegrationRecord {
        var integration: Integration
        var secretHash: String
        var signingSecret: String?
        var source: AlertSource { integration.source }
    }

    private func rows(
        _ query: PostgresQuery, _ operation: PostgresOperation = .other
    ) async throws -> [IntegrationRecord] {
        try await Self.decode(client.query(query, operation: operation, logger: logger))
    }

    private static func lockedIntegration(
        _ name: String, _ connection: PostgresConnection, logger: Logger
    ) async throws -> IntegrationRecord {
        let rows = try await connection.query(
            "SELECT \(unescaped: integrationColumns) FROM integrations WHERE name = \(name) FOR UPDATE",
            logger: logger)
        guard let row = try await decode(rows).first else {
            throw StoreError.notFound("no integration named \(name)")
        }
        return row
    }

    private static func decode(_ rows: some AsyncSequence<PostgresRow, any Error>) async throws -> [IntegrationRecord] {
        var records: [IntegrationRecord] = []
        let decoder = JSONDecoder()
        for try await (name, sourceName, secretHash, createdAt, rotatedAt, signingSecret, topics) in rows.decode(
            (String, String, String, Double, Double?, String?, String?).self)
        {
            guard let source = AlertSource(rawValue: sourceName) else {
                throw PostgresStoreFault("integration \(name) has an unknown source \(sourceName)")
            }
            let snsTopics = try topics.map { try decoder.decode([String].self, from: Data($0.utf8)) } ?? []
            let integration = Integration(
                name: name, source: source, createdAt: Date(timeIntervalSince1970: createdAt),
                rotatedAt: rotatedAt.map(Date.init(timeIntervalSince1970:)), hasSigningSecret: signingSecret != nil,
                snsTopics: snsTopics)
            records.append(
                IntegrationRecord(integration: integration, secretHash: secretHash, signingSecret: signingSecret))
        }
        return records
    }
}
