import Foundation

/// One try's result for the outbox to record: what `markDelivered` and `markFailed` queue for a group commit.
enum RecordedOutcome: Sendable {
    case delivered(id: Int64, attempt: DeliveryAttempt, reference: String?)
    case failed(id: Int64, attempt: DeliveryAttempt, retryAt: Date?)
}
