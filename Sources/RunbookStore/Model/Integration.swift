import Foundation
import RunbookCore

/// A named ingestion endpoint for one source, authenticated by a secret stored only as a hash.
///
/// A Sentry integration may also hold a signing secret (Sentry's client secret): its requests are then
/// authenticated by their `Sentry-Hook-Signature` alone. The signing secret itself is never handed out here.
public struct Integration: Sendable, Hashable, Codable {
    /// Unique; part of the endpoint's URL.
    public var name: String
    public var source: AlertSource
    public var createdAt: Date
    /// When its secret was last replaced, if ever.
    public var rotatedAt: Date?
    /// Whether a signing secret is set (see `IntegrationStore.setSigningSecret(_:integration:)`).
    public var hasSigningSecret: Bool
    /// The SNS topic ARNs a cloudwatch integration accepts messages from; empty for any.
    public var snsTopics: [String]

    public init(
        name: String, source: AlertSource, createdAt: Date, rotatedAt: Date? = nil, hasSigningSecret: Bool = false,
        snsTopics: [String] = []
    ) {
        self.name = name
        self.source = source
        self.createdAt = createdAt
        self.rotatedAt = rotatedAt
        self.hasSigningSecret = hasSigningSecret
        self.snsTopics = snsTopics
    }
}
