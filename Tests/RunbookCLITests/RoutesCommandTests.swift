import Foundation
import Testing

struct RoutesCommandTests {
    private static let config = """
        runbooks: [examples/runbooks]
        notifications:
          channels:
            - name: ops
              type: webhook
              url: http://127.0.0.1:9/hook
            - name: pager
              type: pagerduty
              routing_key: test-routing-key
          routes:
            - name: oncall-doc
              document: oncall.md
              channels: [pager]
              continue: true
            - name: named-alerts
              match: [alertname=~.+]
              channels: [ops, pager]
          default_route:
            channels: [ops]

        """

    /// Writes `text` to a new temporary file and returns its path.
    private func temporaryFile(_ text: String, suffix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-\(UUID().uuidString)\(suffix)")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func eachAlertShowsTheRoutesAndChannelsItTakes() async throws {
        let config = try temporaryFile(Self.config, suffix: ".yml")
        defer { try? FileManager.default.removeItem(atPath: config) }
        let result = try await CLIRunner.run([
            "routes", "test", "--config", config, "--alert", "examples/alerts/alertmanager-disk.json", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try result.json() as? [String: Any])
        #expect(report["notificationsEnabled"] as? Bool == true)
        let alerts = try #require(report["alerts"] as? [[String: Any]])
        #expect(alerts.count == 2)
        for alert in alerts {
            #expect(alert["document"] as? String == "oncall.md")
            let routes = try #require(alert["routes"] as? [[String: Any]])
            #expect(routes.compactMap { $0["name"] as? String } == ["oncall-doc", "named-alerts"])
            #expect(alert["channels"] as? [String] == ["pager", "ops"])
            #expect(alert["default"] as? Bool == false)
            #expect(alert["fallback"] as? Bool == false)
        }
        #expect(alerts[0]["entry"] as? String == "oncall.md#diskusagewarning-checkout-worker")
    }

    @Test func anAlertNoRouteFitsTakesTheDefaultRoute() async throws {
        let config = try temporaryFile(Self.config, suffix: ".yml")
        let alert = try temporaryFile("TLS certificate for api.example.com expires in 7 days", suffix: ".txt")
        defer {
            try? FileManager.default.removeItem(atPath: config)
            try? FileManager.default.removeItem(atPath: alert)
        }
        let result = try await CLIRunner.run(["routes", "test", "--config", config, "--format", "text", "--alert", alert])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("entry: no confident match"))
        #expect(result.stdout.contains("route default → ops  (no route fits)"), "\(result.stdout)")
        #expect(result.stdout.contains("channels: ops"))
    }

    @Test func withoutChannelsNothingIsReachedAndItExitsOne() async throws {
        let config = try temporaryFile("runbooks: [examples/runbooks]\n", suffix: ".yml")
        defer { try? FileManager.default.removeItem(atPath: config) }
        let result = try await CLIRunner.run([
            "routes", "test", "--config", config, "--alert", "examples/alerts/alertmanager-disk.json",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("notifications are off"))
        #expect(result.stdout.contains("channels: none"))
    }

    @Test func aConfigurationErrorIsAUsageError() async throws {
        let config = try temporaryFile(
            Self.config.replacingOccurrences(of: "channels: [ops, pager]", with: "channels: [ops, pagr]"),
            suffix: ".yml"
        )
        defer { try? FileManager.default.removeItem(atPath: config) }
        let result = try await CLIRunner.run([
            "routes", "test", "--config", config, "--alert", "examples/alerts/alertmanager-disk.json",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("notifications.routes[1].channels[1]: unknown channel `pagr`"),
                "\(result.stderr)")
    }

    @Test func anUnreadableAlertFileIsAUsageError() async throws {
        let result = try await CLIRunner.run(["routes", "test", "--alert", "/nonexistent/alert.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the alert file"))
    }

    @Test func helpShowsAnExample() async throws {
        let result = try await CLIRunner.run(["routes", "test", "--help"])
        #expect(result.stdout.contains("runbook routes test --config"))
    }

    @Test func configCheckReportsANotificationProblemWithItsKeyPath() async throws {
        let config = try temporaryFile(
            Self.config.replacingOccurrences(of: "alertname=~.+", with: "alertname=~("), suffix: ".yml"
        )
        defer { try? FileManager.default.removeItem(atPath: config) }
        let result = try await CLIRunner.run(["config", "check", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains(
            "error: notifications.routes[1].match[0]: route `named-alerts`: invalid matcher `alertname=~(`"
        ), "\(result.stderr)")
    }

    @Test func configShowOmitsChannelSecrets() async throws {
        let config = try temporaryFile(Self.config, suffix: ".yml")
        defer { try? FileManager.default.removeItem(atPath: config) }
        let result = try await CLIRunner.run(["config", "show", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("test-routing-key"))
        #expect(result.stdout.contains("routing_key: \"[OMITTED]\""))
        #expect(result.stdout.contains("notifications:\n  channels:  # config file\n    - name: ops"))
    }
}
