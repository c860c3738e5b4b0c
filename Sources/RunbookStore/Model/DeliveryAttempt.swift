import Foundation

/// One try at sending a delivery: when, what the receiver answered, how long it took.
public struct DeliveryAttempt: Sendable, Hashable, Codable {
    public var deliveryID: Int64
    public var at: Date
    /// HTTP status, when the receiver answered at all.
    public var status: Int?
    /// What went wrong, nil when it was sent.
    public var error: String?
    /// Seconds from the start of the request to its end.
    public var duration: TimeInterval

    public init(deliveryID: Int64, at: Date, status: Int? = nil, error: String? = nil, duration: TimeInterval) {
        self.deliveryID = deliveryID
        self.at = at
        self.status = status
        self.error = error
        self.duration = duration
    }
}
