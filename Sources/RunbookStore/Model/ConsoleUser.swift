import Foundation

/// A person who signs in to the web console with a name and password; the password is kept only as a hash.
public struct ConsoleUser: Sendable, Hashable, Codable {
    /// Unique; shown as who did what on incident timelines.
    public var name: String
    /// The same roles as API tokens: viewer, operator, admin.
    public var role: APIToken.Role
    /// A bcrypt hash (`$2b$…`); the store never sees the password.
    public var passwordHash: String
    public var createdAt: Date

    public init(name: String, role: APIToken.Role, passwordHash: String, createdAt: Date) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
