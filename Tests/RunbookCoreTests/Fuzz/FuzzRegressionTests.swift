import Foundation
import Testing

@testable import RunbookCore

/// Inputs libFuzzer found to crash RunbookCore (scripts/fuzz/run), kept inline so each stays fixed.
struct FuzzRegressionTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// A PagerDuty event from Alertmanager whose templated label list holds a line with no name before ` = `.
    ///
    /// Found by the decoder-generic target: ` - = value` put the ` = ` inside the `- ` prefix, and slicing the name
    /// between the two trapped (a range whose end came before its start), so one ingest request killed the server.
    @Test(arguments: [
        "Labels:\\n - = x\\n",
        "Labels:\\n -  = x\\n",
        "Labels:\\n - = Prometheus has failed to evaluate 12 rules\\n - alertname = RuleFailures\\n",
        "Annotations:\\n - = \\n - = = =\\n",
    ])
    func templatedLabelLineWithoutANameIsSkipped(firing: String) throws {
        let json = """
            {"event_action": "trigger", "payload": {"summary": "s", "source": "Alertmanager", "severity": "warning",
             "custom_details": {"firing": "\(firing)"}}}
            """
        let alerts = try AlertDecoder.decode(Data(json.utf8), format: .generic, receivedAt: Self.now)
        let alert = try #require(alerts.first)
        #expect(alert.labels[""] == nil)
        #expect(alert.annotations[""] == nil)
        if firing.contains("alertname = RuleFailures") {
            #expect(alert.labels["alertname"] == "RuleFailures")
        }
    }
}
