import Foundation
import RunbookCore
import RunbookNotify
import Testing

@testable import RunbookServer

struct NotificationConfigTests {
    private static let secrets = [
        "SLACK_WEBHOOK_URL": "https://hooks.slack.example/services/T000/B000/secretpath",
        "SLACK_BOT_TOKEN": "xoxb-secret-token",
        "AUDIT_TOKEN": "audit-secret",
        "PAGERDUTY_ROUTING_KEY": "pd-secret-routing-key",
    ]

    private static let minimal = """
        notifications:
          channels:
            - name: ops
              type: webhook
              url: http://127.0.0.1:9/hook
          routes:
            - name: db
              match: [team=db]
              channels: [ops]
          default_route:
            channels: [ops]

        """

    /// The example in docs/CONFIGURATION.md, the YAML block after its `notifications-example` marker.
    private static func documentedExample() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/CONFIGURATION.md"), encoding: .utf8)
        let marker = try #require(doc.range(of: "<!-- notifications-example"))
        let afterMarker = doc[marker.upperBound...]
        let fence = try #require(afterMarker.range(of: "```yaml\n"))
        let end = try #require(afterMarker[fence.upperBound...].range(of: "```"))
        return String(afterMarker[fence.upperBound..<end.lowerBound])
    }

    private static func issues(_ yaml: String, secrets: [String: String] = secrets) -> [ConfigIssue] {
        do {
            return try ServerConfiguration.load(file: ConfigFile(yaml: yaml), secrets: secrets).warnings
        } catch {
            return error.issues
        }
    }

    @Test func theDocumentedExampleParses() throws {
        let loaded = try ServerConfiguration.load(file: ConfigFile(yaml: Self.documentedExample()),
                                                  secrets: Self.secrets)
        #expect(loaded.warnings.isEmpty)
        let notifications = loaded.configuration.notifications
        #expect(notifications.isEnabled)
        #expect(notifications.channels.map(\.description) == [
            "ops-slack (slack)", "payments-slack (slack)", "audit-webhook (webhook)", "payments-pager (pagerduty)",
        ])
        #expect(notifications.routes.routes.map(\.name) == ["payments-critical", "payments-runbooks", "audit"])
        #expect(notifications.routes.routes[0].continueMatching)
        #expect(notifications.routes.routes[0].matchers.map(\.description) == ["team=payments", "env!~staging|dev"])
        #expect(notifications.routes.routes[1].sources == [.alertmanager, .datadog])
        #expect(notifications.routes.defaultRoute.channels == ["ops-slack"])
        #expect(notifications.routes.fallbackChannels == ["ops-slack", "payments-pager"])
        #expect(notifications.retry.giveUpAfter == 86_400)
        #expect(notifications.consoleURL?.absoluteString == "https://runbook.example.com")
    }

    @Test func secretsAreReadFromTheEnvironment() throws {
        let notifications = try ServerConfiguration.load(
            file: ConfigFile(yaml: Self.documentedExample()), secrets: Self.secrets
        ).configuration.notifications
        let kinds = Dictionary(uniqueKeysWithValues: notifications.channels.map { ($0.name, $0) })
        guard case .slack(let slack)? = kinds["ops-slack"]?.kind,
              case .slack(let bot)? = kinds["payments-slack"]?.kind,
              case .webhook(let webhook)? = kinds["audit-webhook"]?.kind,
              case .pagerDuty(let pagerDuty)? = kinds["payments-pager"]?.kind
        else {
            Issue.record("channel kinds differ: \(notifications.channels)")
            return
        }
        #expect(slack.webhookURL?.absoluteString == Self.secrets["SLACK_WEBHOOK_URL"])
        #expect(bot.botToken == "xoxb-secret-token")
        #expect(bot.channel == "C0123456789")
        #expect(webhook.headers == ["Authorization": "Bearer audit-secret"])
        #expect(webhook.secrets == ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(kinds["audit-webhook"]?.timeout == 5)
        #expect(kinds["audit-webhook"]?.concurrency == 8)
        #expect(pagerDuty.routingKey == "pd-secret-routing-key")
    }

    @Test func aMissingSecretNamesTheKeyAndTheVariable() throws {
        var secrets = Self.secrets
        secrets["PAGERDUTY_ROUTING_KEY"] = nil
        let found = Self.issues(try Self.documentedExample(), secrets: secrets)
        #expect(found.count == 1)
        #expect(found.first?.key == "notifications.channels[3].routing_key")
        #expect(found.first?.description.contains("PAGERDUTY_ROUTING_KEY") == true)
    }

    /// A file with one mistake, the key path it must be reported at, and words the message must hold.
    @Test(arguments: [
        ("    - name: pager\n      type: pagerdooty\n      routing_key: k\n",
         "notifications.channels[1].type", "unknown channel type `pagerdooty`"),
        ("    - name: ops\n      type: slack\n      webhook_url: https://x.example/a\n",
         "notifications.channels[1].name", "defined more than once"),
        ("    - name: bad\n      type: webhook\n      url: not a url\n",
         "notifications.channels[1].url", "not an absolute http(s) URL"),
        ("    - name: bad\n      type: webhook\n      url: http://x.example/\n      secrets: [plain]\n",
         "notifications.channels[1].secrets[0]", "not a signing secret"),
        ("    - name: bad\n      type: webhook\n      url: http://x.example/\n      timeout: 0s\n",
         "notifications.channels[1].timeout", "more than zero"),
        ("    - name: bad\n      type: webhook\n      url: http://x.example/\n      concurrency: -2\n",
         "notifications.channels[1].concurrency", "at least 1"),
        ("    - name: bad\n      type: slack\n", "notifications.channels[1]", "needs webhook_url, or bot_token"),
        ("    - name: bad\n      type: slack\n      bot_token: t\n", "notifications.channels[1].channel",
         "needs the channel id"),
        ("    - name: bad\n      type: webhook\n      url: http://x.example/\n      urll: x\n",
         "notifications.channels[1].urll", "did you mean `url`?"),
        ("    - type: webhook\n      url: http://x.example/\n", "notifications.channels[1].name", "needs a name"),
        ("    - name: bad\n      type: webhook\n      url: ${UNSET_HOOK_URL}\n",
         "notifications.channels[1].url", "UNSET_HOOK_URL"),
    ])
    func channelMistakesNameTheirKeyPath(channel: String, key: String, words: String) {
        let yaml = Self.minimal.replacingOccurrences(of: "  routes:\n", with: channel + "  routes:\n")
        let found = Self.issues(yaml)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.key == key)
        #expect(found.first?.severity == .error)
        #expect(found.first?.description.contains(words) == true, "\(found.first?.description ?? "no issue")")
    }

    @Test(arguments: [
        ("    - name: web\n      match: [team=web]\n      channels: [nowhere]\n",
         "notifications.routes[1].channels[0]", "unknown channel `nowhere` (known: ops)"),
        ("    - name: web\n      match: [team=web, app=~(]\n      channels: [ops]\n",
         "notifications.routes[1].match[1]", "route `web`: invalid matcher `app=~(`"),
        ("    - name: web\n      match: just-a-word\n      channels: [ops]\n",
         "notifications.routes[1].match[0]", "expected name=value"),
        ("    - name: db\n      channels: [ops]\n", "notifications.routes[1].name", "defined more than once"),
        ("    - name: default\n      channels: [ops]\n", "notifications.routes[1].name", "reserved"),
        ("    - name: web\n      source: nagios\n      channels: [ops]\n",
         "notifications.routes[1].source", "unknown source `nagios`"),
        ("    - name: web\n      continue: perhaps\n      channels: [ops]\n",
         "notifications.routes[1].continue", "true or false"),
        ("    - name: web\n      match: [team=web]\n", "notifications.routes[1].channels", "needs channels"),
        ("    - name: web\n      severty: critical\n      channels: [ops]\n",
         "notifications.routes[1].severty", "did you mean `severity`?"),
    ])
    func routeMistakesNameTheirKeyPath(route: String, key: String, words: String) {
        let yaml = Self.minimal.replacingOccurrences(of: "  default_route:\n", with: route + "  default_route:\n")
        let found = Self.issues(yaml)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.key == key)
        #expect(found.first?.description.contains(words) == true, "\(found.first?.description ?? "no issue")")
    }

    @Test(arguments: [
        ("  fallback: [pager]\n", "notifications.fallback[0]", "unknown channel `pager`"),
        ("  storm:\n    limit: 0\n", "notifications.storm.limit", "at least 1"),
        ("  storm:\n    window: 0\n", "notifications.storm.window", "more than zero"),
        ("  dispatcher:\n    batch_size: -5\n", "notifications.dispatcher.batch_size", "at least 1"),
        ("  retry:\n    first: 2h\n", "notifications.retry.cap", "at least notifications.retry.first"),
        ("  console_url: ftp://x\n", "notifications.console_url", "http(s) URL"),
        ("  chanels: []\n", "notifications.chanels", "did you mean `notifications.channels`?"),
    ])
    func sectionMistakesNameTheirKey(line: String, key: String, words: String) {
        let found = Self.issues(Self.minimal + line)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.key == key)
        #expect(found.first?.description.contains(words) == true, "\(found.first?.description ?? "no issue")")
    }

    @Test func everyProblemIsReportedAtOnceWithItsLine() {
        let yaml = """
            notifications:
              channels:
                - name: a
                  type: carrier-pigeon
                - name: b
                  type: webhook
                  url: ${MISSING_URL}
              routes:
                - name: r
                  match: ["x=~["]
                  channels: [a, b, c]

            """
        let found = Self.issues(yaml)
        #expect(found.map(\.key) == [
            "notifications.channels[0].type", "notifications.channels[1].url", "notifications.routes[0].match[0]",
            "notifications.routes[0].channels[2]",
        ])
        #expect(found.first?.line == 4)
    }

    @Test func scalarSettingsHaveVariablesThatOverrideTheFile() throws {
        let loaded = try ServerConfiguration.load(
            file: ConfigFile(yaml: Self.minimal + "  storm:\n    limit: 3\n"),
            environment: ["RUNBOOK_NOTIFICATIONS_STORM_LIMIT": "7", "RUNBOOK_NOTIFICATIONS_RETRY_GIVE_UP": "2h"]
        )
        #expect(loaded.configuration.notifications.stormLimit == 7)
        #expect(loaded.configuration.notifications.retry.giveUpAfter == 7_200)
        #expect(loaded.layer(of: ConfigKey.named("notifications.storm.limit")!) == .environment)
        #expect(ConfigKey.named("RUNBOOK_NOTIFICATIONS_DISPATCHER_MAX_DUE_AGE")?.name
            == "notifications.dispatcher.max_due_age")
    }

    @Test func channelsAndRoutesAreFileOnly() {
        #expect(ConfigKey.named("notifications.channels") == nil)
        #expect(ConfigKey.named("RUNBOOK_NOTIFICATIONS_ROUTES") == nil)
    }

    @Test func withoutChannelsNotificationsAreOffAndNoPlannerIsMade() throws {
        let configuration = try ServerConfiguration.load().configuration
        #expect(!configuration.notifications.isEnabled)
        #expect(configuration.notificationPlanner == nil)
    }

    @Test func thePlannerCarriesTheRoutesAndStormSettings() throws {
        let configuration = try ServerConfiguration.load(
            file: ConfigFile(yaml: Self.minimal + "  storm:\n    limit: 4\n    window: 2m\n")
        ).configuration
        let planner = try #require(configuration.notificationPlanner)
        #expect(planner.routes.routes.map(\.name) == ["db"])
        #expect(planner.stormLimit == 4)
        #expect(planner.stormWindow == 120)
    }

    @Test func aDefaultRouteWithoutChannelsIsAWarning() throws {
        let yaml = Self.minimal.replacingOccurrences(of: "  default_route:\n    channels: [ops]\n", with: "")
        let loaded = try ServerConfiguration.load(file: ConfigFile(yaml: yaml))
        #expect(loaded.warnings.map(\.key) == ["notifications.default_route"])
    }

    @Test func showPrintsTheSectionWithSecretsOmitted() throws {
        let loaded = try ServerConfiguration.load(file: ConfigFile(yaml: Self.documentedExample()),
                                                  secrets: Self.secrets)
        let rendered = loaded.renderedYAML()
        for secret in Self.secrets.values + ["secretpath", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "example.com/runbook"] {
            #expect(!rendered.contains(secret), "config show leaks \(secret)")
        }
        #expect(rendered.contains(
            "    - name: payments-pager\n      type: pagerduty\n      routing_key: \"[OMITTED]\""
        ))
        #expect(rendered.contains("      match: [\"team=payments\", \"env!~staging|dev\"]"))
        #expect(rendered.contains("  storm:\n    limit: 10  # config file\n    window: 1m  # config file"))
        #expect(ConfigFile(yaml: rendered).issues.isEmpty)
    }
}
