import Foundation
import RunbookCore

/// A named ingestion endpoint for one source, authenticated by a secret stored only as a hash.
public struct Integration: Sendable, Hashable, Codable {
    /// Unique; part of the endpoint's URL.
    public var name: String
    public var source: AlertSource
    public var createdAt: Date
    /// When its secret was last replaced, if ever.
    public var rotatedAt: Date?

    public init(name: String, source: AlertSource, createdAt: Date, rotatedAt: Date? = nil) {
        self.name = name
        self.source = source
        self.createdAt = createdAt
        self.rotatedAt = rotatedAt
    }
}
