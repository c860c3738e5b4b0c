import Foundation

/// A place deliveries go: renders a message in its own format and sends it, classifying any failure.
///
/// A channel never throws: a failure comes back as a `DeliveryFailure` saying whether to retry.
public protocol NotificationChannel: Sendable {
    /// The settings it was made from (name, timeout, concurrency).
    var settings: ChannelSettings { get }

    /// True when follow-up messages need the reference of the incident's first message (Slack threads).
    var usesThreads: Bool { get }

    /// Sends one message.
    func send(_ message: NotificationMessage) async -> Result<DeliveryReceipt, DeliveryFailure>
}
