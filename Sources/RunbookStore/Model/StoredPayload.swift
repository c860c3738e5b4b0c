import Foundation
import RunbookCore

/// A request body as it was received.
public struct StoredPayload: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var receivedAt: Date
    public var source: AlertSource
    public var integration: String?
    public var contentType: String?
    public var body: Data

    public init(
        id: Int64, receivedAt: Date, source: AlertSource, integration: String?, contentType: String?, body: Data
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.source = source
        self.integration = integration
        self.contentType = contentType
        self.body = body
    }
}
