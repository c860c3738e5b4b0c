import Foundation

/// Alertmanager webhook bodies: each alert new (its own fingerprint), spread over 50 alert groups and a few
/// example alert names, so ingestion dedups, groups into incidents and matches as it would in production.
enum Payload {
    static let names = ["DiskUsageWarning", "QueueBacklogGrowing", "PostgresReplicationLag", "KafkaConsumerLag"]

    static func alertmanager(sequence: Int, alerts: Int) -> Data {
        let group = sequence % 50
        let items = (0..<alerts).map { offset in
            let name = names[(sequence + offset) % names.count]
            return """
                {"status":"firing","labels":{"alertname":"\(name)","app":"checkout-worker","instance":"node-\(offset):9100",\
                "severity":"warning"},"annotations":{"summary":"\(name) on node-\(offset)"},\
                "startsAt":"2026-11-26T20:00:00Z","endsAt":"0001-01-01T00:00:00Z",\
                "fingerprint":"\(String(sequence, radix: 16))-\(offset)"}
                """
        }
        let body = """
            {"version":"4","groupKey":"{}:{group=\\"\(group)\\"}","status":"firing","receiver":"runbook",\
            "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://127.0.0.1:9093",\
            "alerts":[\(items.joined(separator: ","))]}
            """
        return Data(body.utf8)
    }
}
