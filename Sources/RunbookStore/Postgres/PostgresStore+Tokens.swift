import Foundation
import PostgresNIO
import RunbookCore

extension PostgresStore: TokenStore {
    /// Creates an API token; its secret is returned this once and stored as a SHA-256 hash.
    ///
    /// Two nodes adding one name at once cannot both succeed: the insert does nothing on a taken name.
    public func addToken(name: String, role: APIToken.Role, at: Date) async throws -> Issued<APIToken> {
        try CredentialName.validate(name)
        let secret = configuration.secrets.make(prefix: CredentialName.tokenSecretPrefix)
        let rows = try await client.query(
            """
            INSERT INTO apiTokens (name, role, secretHash, createdAt)
            VALUES (\(name), \(role.rawValue), \(SecretHash.of(secret)), \(at.timeIntervalSince1970))
            ON CONFLICT (name) DO NOTHING RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) {
            return Issued(value: APIToken(id: id, name: name, role: role, createdAt: at), secret: secret)
        }
        throw StoreError.duplicate("a token named \(name) exists; remove it first")
    }

    /// Every API token, by name.
    public func tokens() async throws -> [APIToken] {
        try await decodeTokens(client.query(
            "SELECT id, name, role, createdAt, secretHash FROM apiTokens ORDER BY name", logger: logger)
        ).map(\.token)
    }

    /// Deletes an API token; it stops working at once on every node.
    public func removeToken(name: String) async throws {
        let rows = try await client.query("DELETE FROM apiTokens WHERE name = \(name) RETURNING id", logger: logger)
        for try await _ in rows {
            return
        }
        throw StoreError.notFound("no token named \(name)")
    }

    /// The token whose secret was presented, looked up by its hash, else nil.
    public func token(presented secret: String) async throws -> APIToken? {
        let found = try await guardedRead("token lookup") {
            try await self.decodeTokens(self.client.query(
                """
                SELECT id, name, role, createdAt, secretHash FROM apiTokens WHERE secretHash = \(SecretHash.of(secret))
                """, operation: .lookup, logger: self.logger))
        }
        guard let first = found.first, SecretHash.matches(secret, storedHash: first.secretHash) else { return nil }
        return first.token
    }

    private func decodeTokens(_ rows: some AsyncSequence<PostgresRow, any Error>) async throws -> [(token: APIToken, secretHash: String)] {
        var tokens: [(token: APIToken, secretHash: String)] = []
        for try await (id, name, roleName, createdAt, secretHash) in rows.decode(
            (Int64, String, String, Double, String).self)
        {
            guard let role = APIToken.Role(rawValue: roleName) else {
                throw PostgresStoreFault("token \(name) has an unknown role \(roleName)")
            }
            tokens.append((APIToken(id: id, name: name, role: role, createdAt: Date(timeIntervalSince1970: createdAt)),
                           secretHash))
        }
        return tokens
    }
}
