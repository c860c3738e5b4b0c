import Foundation

/// Operators' API tokens with their roles, stored as SHA-256 hashes.
public protocol TokenStore: Sendable {
    /// Creates a token, shown this once; a taken name is `StoreError.duplicate`.
    func addToken(name: String, role: APIToken.Role, at: Date) async throws -> Issued<APIToken>

    /// Every token, by name.
    func tokens() async throws -> [APIToken]

    /// Deletes a token; it stops working at once.
    func removeToken(name: String) async throws

    /// The token whose secret was presented, else nil.
    func token(presented secret: String) async throws -> APIToken?
}
