import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RunbookCore
import RunbookNotify
import RunbookStore
import Testing

@testable import RunbookServer

/// Starts the server at debug level with every kind of channel and secret configured, serves requests that
/// present the secrets, stops it, and searches the whole log for each secret.
struct SecretsInLogsTests {
    static let slackWebhook = "http://127.0.0.1:9/services/T0SECRET/B0SECRET/slackhooksecret123"
    static let slackToken = "xoxb-slack-bot-token-secret-456"
    static let webhookSecret = "whsec_c2VjcmV0LXdlYmhvb2stc2lnbmluZy1rZXk="
    static let webhookAuthorization = "Bearer webhook-authorization-secret-789"
    static let pagerDutyKey = "pagerduty-routing-key-secret-0ab"
    static let sentrySigningSecret = "sentry-client-secret-cde"

    static func configuration() -> ServerConfiguration {
        var configuration = TestServer.configuration()
        configuration.logLevel = .debug
        configuration.notifications = NotificationSettings(
            channels: [
                ChannelSettings(name: "slack-hook", kind: .slack(SlackSettings(webhookURL: URL(string: slackWebhook)))),
                ChannelSettings(name: "slack-bot", kind: .slack(SlackSettings(botToken: slackToken, channel: "C1"))),
                ChannelSettings(name: "hook", kind: .webhook(WebhookSettings(
                    url: URL(string: "http://127.0.0.1:9/hook")!, secrets: [webhookSecret],
                    headers: ["Authorization": webhookAuthorization]
                ))),
                ChannelSettings(name: "pager", kind: .pagerDuty(PagerDutySettings(routingKey: pagerDutyKey))),
            ],
            routes: RouteTable(defaultRoute: Route(name: "default", channels: ["slack-hook", "hook", "pager"])),
            pollInterval: 3600
        )
        return configuration
    }

    @Test
    func noSecretAppearsInTheDebugLogOfAServerWithEveryKindOfSecret() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-secrets-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = Self.configuration()
        configuration.dataDirectory = folder.path
        let store = try await configuration.openStore()
        let capture = LogCapture()
        let logger = capture.logger(level: .debug)
        let integration = try await store.addIntegration(name: "am", source: .alertmanager, at: IngestFixture.now)
        let sentry = try await store.addIntegration(
            name: "sentry", source: .sentry, signingSecret: Self.sentrySigningSecret, at: IngestFixture.now)
        let token = try await store.addToken(name: "ops", role: .admin, at: IngestFixture.now)
        let secrets = [
            Self.slackWebhook, "slackhooksecret123", Self.slackToken, Self.webhookSecret,
            "webhook-authorization-secret",
            Self.pagerDutyKey, Self.sentrySigningSecret, integration.secret, sentry.secret, token.secret,
        ]

        let dependencies = ServerDependencies(
            logger: logger, library: LibraryHolder(TestServer.snapshot(entries: 1)), store: store,
            heartbeatChecks: [StoreHeartbeatCheck(store: store)]
        )
        try await TestServer.withLiveServer(configuration: configuration, dependencies: dependencies) { client in
            let ingest = try await client.execute(
                uri: "/api/v1/ingest/alertmanager/am?token=\(integration.secret)", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(integration.secret)"],
                body: ByteBuffer(string: IngestPayload.diskUsage))
            #expect(ingest.status == .accepted)
            let incidents = try await client.execute(
                uri: "/api/v1/incidents", method: .get, headers: [.authorization: "Bearer \(token.secret)"])
            #expect(incidents.status == .ok)
            _ = try await client.execute(uri: "/__heartbeat__", method: .get)
        }
        try await store.close()

        let log = capture.lines.joined(separator: "\n")
        #expect(log.contains("Starting service"))
        for secret in secrets {
            #expect(!log.contains(secret), "the log shows the secret \(secret)")
        }
    }
}
