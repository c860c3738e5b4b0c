import Foundation
import RunbookCore
import RunbookStore

extension Dispatcher {
    /// Raises Runbook's own incident for the deliveries of this batch that gave up, one alert per channel;
    /// deliveries about Runbook's own incidents, and those whose channel was removed, raise nothing. Returns how
    /// many alerts it ingested.
    func raiseForDead(_ outcomes: [DeliveryOutcome]) async -> Int {
        let dead = outcomes.filter { $0.result == .dead && !$0.isSelfIncident && !$0.isChannelMissing }
        guard !dead.isEmpty else { return 0 }
        var raised = 0
        let byChannel = Dictionary(grouping: dead, by: \.delivery.channel)
        for (channel, deliveries) in byChannel.sorted(by: { $0.key < $1.key }) {
            let last = deliveries[deliveries.count - 1]
            let now = clock.now
            let alert = DeliveryFailedAlert.alert(
                channel: channel, route: last.delivery.route, count: deliveries.count, lastError: last.error, at: now
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            encoder.dateEncodingStrategy = .iso8601
            let request = IngestRequest(
                source: .runbook, integration: nil, receivedAt: now, contentType: "application/json",
                payload: (try? encoder.encode(alert)) ?? Data(), alerts: [library.ingestAlert(for: alert)]
            )
            do {
                _ = try await store.ingest(request)
                raised += 1
            } catch {
                logger.error("delivery.dead_alert_failed", metadata: [
                    "notify.channel": "\(channel)", "error": "\(error)",
                ])
            }
        }
        return raised
    }
}
