import Foundation
import RunbookCore

/// One webhook delivery to store in one transaction: its raw payload and the alerts decoded from it.
public struct IngestRequest: Sendable, Hashable {
    public var source: AlertSource
    /// Name of the integration it was sent to, when authenticated by one.
    public var integration: String?
    public var receivedAt: Date
    public var contentType: String?
    /// The body as received, kept for audit until pruned or retracted.
    public var payload: Data
    public var alerts: [IngestAlert]

    public init(
        source: AlertSource, integration: String? = nil, receivedAt: Date, contentType: String? = nil,
        payload: Data, alerts: [IngestAlert]
    ) {
        self.source = source
        self.integration = integration
        self.receivedAt = receivedAt
        self.contentType = contentType
        self.payload = payload
        self.alerts = alerts
    }
}
