import Foundation

/// A signed-in console session as stored (`ConsoleSessionStore`): who, with which role, until when.
public struct ConsoleSessionRecord: Sendable, Equatable {
    /// The SHA-256 of the session id (`SecretHash.of`), in lowercase hex.
    public var idHash: String
    /// The user or token name the session acts as.
    public var name: String
    public var role: APIToken.Role
    /// When the session ends unless it is used before.
    public var expiresAt: Date

    public init(idHash: String, name: String, role: APIToken.Role, expiresAt: Date) {
        self.idHash = idHash
        self.name = name
        self.role = role
        self.expiresAt = expiresAt
    }
}
