import Foundation
import RunbookCore
import RunbookStore

@testable import RunbookNotify

/// A library of a few entries, matching alerts by their `alertname` being an entry's title.
struct TestLibrary: NotificationLibrary {
    var entries: [Entry]

    static let standard = TestLibrary(entries: [
        Entry(
            id: "queues.md#queuebackloghigh", file: "queues.md", anchor: "queuebackloghigh",
            title: "QueueBacklogHigh", level: 2, line: 1,
            parts: [Part(kind: .diagnosis, title: "Diagnosis", line: 3, style: .heading,
                         text: "See how deep the queue of <service> is.\nThen look at its consumers.",
                         commands: [Command(language: "sh", text: "queuectl depth --service <service>", line: 5,
                                            lines: ["queuectl depth --service <service>"], placeholders: [])])]
        ),
        Entry(
            id: "OPERATIONS.md#runbooknotificationdeliveryfailed", file: "OPERATIONS.md",
            anchor: "runbooknotificationdeliveryfailed", title: "RunbookNotificationDeliveryFailed", level: 2,
            line: 1
        ),
    ])

    func entry(id: String) -> Entry? {
        entries.first { $0.id == id }
    }

    func ingestAlert(for alert: Alert) -> IngestAlert {
        let matches = entries.filter { $0.title == alert.name }
            .map { Match(entry: $0.id, title: $0.title, score: 0.9, evidence: []) }
        return IngestAlert(alert: alert, key: AlertKey.key(for: alert), matches: matches)
    }
}
