import Foundation

/// A named operator credential with a role; the secret itself is stored only as a hash.
public struct APIToken: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    /// Unique; says whose token it is.
    public var name: String
    public var role: Role
    public var createdAt: Date

    /// What a token may do: read, act on incidents, or also administer (retract, integrations, tokens).
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case viewer
        case `operator`
        case admin

        /// Roles grow in power: viewer < operator < admin.
        public static func < (lhs: Role, rhs: Role) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public init(id: Int64, name: String, role: Role, createdAt: Date) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
    }
}
