import Foundation
import RunbookCore

/// Runbook's own alert when deliveries to a channel gave up: one incident per channel (its group key), matched
/// to the troubleshooting entry of `docs/OPERATIONS.md` and routed to the fallback channels.
public enum DeliveryFailedAlert {
    /// The `alertname` label of Runbook's own alert.
    public static let alertName = "RunbookNotificationDeliveryFailed"
    /// The entry operators read, as the `runbook_url` annotation points at it.
    public static let runbookURL = "OPERATIONS.md#runbooknotificationdeliveryfailed"
    /// The label that marks Runbook's own incidents (`runbook=self`).
    public static let selfLabel = "runbook"
    /// The value of `selfLabel` on Runbook's own alerts.
    public static let selfValue = "self"

    /// The alert for `count` deliveries to `channel` (last on `route`) that gave up, the last with `lastError`.
    ///
    /// Its source is `runbook` and its labels name only the channel, so every failure of one channel joins one
    /// incident whose labels stay put; the route of the latest dead delivery is an annotation.
    public static func alert(channel: String, route: String, count: Int, lastError: String?, at: Date) -> Alert {
        let key = "runbook-delivery-failed-\(channel)"
        let plural = count == 1 ? "delivery" : "deliveries"
        return Alert(
            source: .runbook, status: .firing,
            labels: [
                "alertname": alertName, selfLabel: selfValue, "channel": channel, "severity": "critical",
            ],
            annotations: [
                "runbook_url": runbookURL,
                "route": route,
                "summary": "\(count) notification \(plural) to channel \(channel) gave up",
                "last_error": lastError ?? "",
            ],
            title: "Notification delivery failed: channel \(channel)",
            text: "\(count) notification \(plural) to channel \(channel) (route \(route)) ran out of retries. "
                + "Last error: \(lastError ?? "none recorded").",
            startsAt: at, dedupKey: key, groupKey: key, severity: "critical"
        )
    }

    /// True for labels of Runbook's own alerts.
    public static func isSelf(_ labels: [String: String]) -> Bool {
        labels[selfLabel] == selfValue
    }
}
