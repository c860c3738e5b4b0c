import Foundation
import RunbookStore

/// How one delivery's try ended, as the batch counts it.
struct DeliveryOutcome: Sendable {
    enum Result: Sendable {
        case sent, retried, dead
        /// Cut short by shutdown and not recorded: its lease ends and it is tried again.
        case abandoned
    }

    var delivery: OutboxDelivery
    var channelType: String
    var result: Result
    var duration: TimeInterval
    var error: String?
    /// True when the delivery was about Runbook's own incident (its death raises nothing, to avoid loops).
    var isSelfIncident: Bool
    /// True when no channel of the delivery's name is configured (removed by a reload): it is dead, and raises
    /// nothing, since removing a channel is the operator's choice.
    var isChannelMissing = false
}
