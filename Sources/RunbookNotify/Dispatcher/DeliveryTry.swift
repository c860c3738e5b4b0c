import Foundation
import RunbookStore

/// One delivery's send, before it is recorded: what the channel answered, when, and how long it took.
struct DeliveryTry: Sendable {
    var delivery: OutboxDelivery
    var channelType: String
    var result: Result<DeliveryReceipt, DeliveryFailure>
    var at: Date
    var duration: TimeInterval
    /// True when the delivery was about Runbook's own incident.
    var isSelfIncident: Bool
    /// True when no channel of the delivery's name is configured (removed by a reload): it is dead, and raises
    /// nothing, since removing a channel is the operator's choice.
    var isChannelMissing: Bool
    /// True when shutdown cut a failed send short: it is not recorded, and is tried again once its lease ends.
    var abandoned: Bool
}
