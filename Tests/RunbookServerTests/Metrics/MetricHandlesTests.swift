import Testing

@testable import RunbookServer

struct MetricHandlesTests {
    @Test
    func aHandleIsMadeOncePerKey() {
        let handles = MetricHandles<String, Int>()
        var made = 0
        for key in ["a", "b", "a", "a", "b"] {
            _ = handles.handle(key) {
                made += 1
                return made
            }
        }
        #expect(made == 2)
        #expect(handles.handle("a") { 0 } == 1)
        #expect(handles.handle("b") { 0 } == 2)
    }

    @Test
    func countsThroughKeptHandlesAddUpPerSeries() {
        let exporter = MetricsExporter()
        let metrics = RunbookMetrics(factory: exporter.factory)
        metrics.alertReceived(source: "alertmanager", status: "firing", count: 2)
        metrics.alertReceived(source: "alertmanager", status: "firing", count: 3)
        metrics.alertReceived(source: "alertmanager", status: "resolved")
        metrics.alertReceived(source: "nagios", status: "firing")
        metrics.matched(confident: true)
        metrics.matched(confident: true, count: 4)
        metrics.matched(confident: false)
        // Another instance on the same factory counts into the same series.
        RunbookMetrics(factory: exporter.factory).matched(confident: false)
        let text = exporter.render()
        #expect(text.contains(#"runbook_alerts_received_total{source="alertmanager",status="firing"} 5"#))
        #expect(text.contains(#"runbook_alerts_received_total{source="alertmanager",status="resolved"} 1"#))
        #expect(text.contains(#"runbook_alerts_received_total{source="other",status="firing"} 1"#))
        #expect(text.contains(#"runbook_matches_total{result="matched"} 5"#))
        #expect(text.contains(#"runbook_matches_total{result="unmatched"} 2"#))
    }
}
