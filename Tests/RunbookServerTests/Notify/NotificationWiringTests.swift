import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RecordingReceiver
import RunbookCore
import RunbookNotify
import RunbookStore
import Testing

@testable import RunbookServer

/// The server with notifications on: ingest and operator actions wake the dispatcher, which sends to the
/// recording receiver; the heartbeat watches the outbox.
struct NotificationWiringTests {
    static let now = IngestFixture.now

    /// A server configuration whose default route sends everything to a webhook on `receiver`; the dispatcher
    /// polls only hourly, so a prompt delivery shows the wake-up works.
    private func configuration(_ receiver: RecordingReceiver) -> ServerConfiguration {
        var configuration = TestServer.configuration()
        configuration.notifications = NotificationSettings(
            channels: [ChannelSettings(name: "hook", kind: .webhook(WebhookSettings(url: receiver.url("/hook"))))],
            routes: RouteTable(defaultRoute: Route(name: "default", channels: ["hook"])),
            pollInterval: 3600, consoleURL: URL(string: "https://runbook.example.test")
        )
        return configuration
    }

    /// Runs `body` with a store that plans with `configuration`'s routes, in a temp folder.
    private func withStore<Value: Sendable>(
        _ configuration: ServerConfiguration, _ body: (SQLiteStore) async throws -> Value
    ) async throws -> Value {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-notify-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path,
                                    configuration: StoreConfiguration(planner: configuration.notificationPlanner))
        do {
            let value = try await body(store)
            try await store.close()
            return value
        } catch {
            try? await store.close()
            throw error
        }
    }

    private func dependencies(_ store: SQLiteStore) throws -> ServerDependencies {
        let source = FolderRunbookSource(folders: RunbookFolders(paths: [IngestFixture.examplesFolder]))
        return ServerDependencies(logger: LogCapture().logger(), library: LibraryHolder(try source.load()),
                                  store: store)
    }

    @Test func anIngestedAlertAndItsAcknowledgementReachTheReceiverAtOnce() async throws {
        try await withRecordingReceiver { receiver in
            let configuration = configuration(receiver)
            try await withStore(configuration) { store in
                let secret = try await store.addIntegration(name: "am", source: .alertmanager, at: Self.now).secret
                let token = try await store.addToken(name: "olga", role: .operator, at: Self.now).secret
                let dependencies = try dependencies(store)
                try await TestServer.withLiveServer(
                    configuration: configuration, dependencies: dependencies
                ) { client in
                    let path = IngestURL.path(integration: "am", source: .alertmanager)
                    let response = try await client.execute(
                        uri: path, method: .post, headers: [.authorization: "Bearer \(secret)"],
                        body: ByteBuffer(string: IngestPayload.diskUsage)
                    )
                    #expect(response.status == .accepted)
                    let first = try await receiver.waitForRequests(count: 1, path: "/hook")
                    let json = try #require(first[0].jsonObject())
                    #expect(json["type"] as? String == "incident.triggered")
                    let data = json["data"] as? [String: Any]
                    let incident = try #require(data?["incident"] as? [String: Any])
                    #expect(incident["key"] as? String == "DiskUsageWarning checkout-worker")
                    #expect((data?["entry"] as? [String: Any])?["id"] as? String
                        == "oncall.md#diskusagewarning-checkout-worker")
                    let id = try #require(incident["id"] as? Int)
                    let acknowledged = try await client.execute(
                        uri: "/api/v1/incidents/\(id)/acknowledge", method: .post,
                        headers: [.authorization: "Bearer \(token)"]
                    )
                    #expect(acknowledged.status == .ok)
                    let both = try await receiver.waitForRequests(count: 2, path: "/hook")
                    #expect(both[1].jsonObject()?["type"] as? String == "incident.acknowledged")
                    let heartbeat = try await client.execute(uri: "/__heartbeat__", method: .get)
                    #expect(heartbeat.status == .ok)
                    #expect(String(buffer: heartbeat.body).contains("\"notifications\""))
                }
            }
        }
    }

    /// An alert no entry covers (the alert's name for a service the library has no entry for) pages with no entry and
    /// the library's nearest entries as candidates, each with what speaks against it.
    @Test func anUncoveredAlertReachesTheReceiverWithCandidatesNotAnEntry() async throws {
        try await withRecordingReceiver { receiver in
            let configuration = configuration(receiver)
            try await withStore(configuration) { store in
                let secret = try await store.addIntegration(name: "am", source: .alertmanager, at: Self.now).secret
                try await TestServer.withLiveServer(
                    configuration: configuration, dependencies: try dependencies(store)
                ) { client in
                    let body = IngestPayload.alertmanager([["alertname": "DiskUsageWarning", "app": "payments-db"]])
                    let response = try await client.execute(
                        uri: IngestURL.path(integration: "am", source: .alertmanager), method: .post,
                        headers: [.authorization: "Bearer \(secret)"], body: ByteBuffer(string: body))
                    #expect(response.status == .accepted)
                    let json = try #require(try await receiver.waitForRequests(count: 1, path: "/hook")[0].jsonObject())
                    let data = try #require(json["data"] as? [String: Any])
                    #expect((data["incident"] as? [String: Any])?["key"] as? String == "DiskUsageWarning payments-db")
                    #expect(data["entry"] == nil)
                    let candidates = try #require(data["candidates"] as? [[String: Any]])
                    #expect(candidates.count <= 3 && candidates.count >= 2)
                    let ids = candidates.compactMap { $0["id"] as? String }
                    #expect(ids.contains("oncall.md#diskusagewarning-checkout-worker"))
                    #expect(ids.contains("oncall.md#diskusagewarning-search-indexer"))
                    for candidate in candidates.prefix(2) {
                        #expect((candidate["confidence"] as? Double ?? 1) < 0.5)
                        #expect(candidate["against"] as? String == "service payments-db: not named by this entry")
                        #expect((candidate["url"] as? String)?.hasPrefix("https://runbook.example.test/runbooks/")
                            == true)
                    }
                }
            }
        }
    }

    @Test func aRejectedDeliveryRaisesRunbooksOwnIncidentOnTheFallbackChannel() async throws {
        try await withRecordingReceiver { receiver in
            var configuration = configuration(receiver)
            configuration.notifications.channels.append(ChannelSettings(
                name: "fallback", kind: .webhook(WebhookSettings(url: receiver.url("/fallback")))
            ))
            configuration.notifications.routes.fallbackChannels = ["fallback"]
            receiver.respond(.status(404), path: "/hook")
            try await withStore(configuration) { store in
                let secret = try await store.addIntegration(name: "am", source: .alertmanager, at: Self.now).secret
                let dependencies = try dependencies(store)
                try await TestServer.withLiveServer(
                    configuration: configuration, dependencies: dependencies
                ) { client in
                    let response = try await client.execute(
                        uri: IngestURL.path(integration: "am", source: .alertmanager), method: .post,
                        headers: [.authorization: "Bearer \(secret)"], body: ByteBuffer(string: IngestPayload.diskUsage)
                    )
                    #expect(response.status == .accepted)
                    let pages = try await receiver.waitForRequests(count: 1, path: "/fallback")
                    let data = pages[0].jsonObject()?["data"] as? [String: Any]
                    let alerts = data?["alerts"] as? [[String: Any]]
                    let labels = alerts?.first?["labels"] as? [String: String]
                    #expect(labels?["alertname"] == "RunbookNotificationDeliveryFailed")
                    #expect(labels?["channel"] == "hook")
                    #expect((data?["delivery"] as? [String: Any])?["route"] as? String == "fallback")
                    let dead = try await store.deliveries(matching: DeliveryQuery(state: .dead))
                    #expect(dead.map(\.channel) == ["hook"])
                    #expect(dead.first?.lastError == "receiver answered HTTP 404")
                }
            }
        }
    }

    @Test func theHeartbeatFailsWhenADueDeliveryWaitsTooLong() async throws {
        try await withRecordingReceiver { receiver in
            let configuration = configuration(receiver)
            try await withStore(configuration) { store async throws in
                let alert = Alert(source: .alertmanager, labels: ["alertname": "QueueBacklogHigh"],
                                  title: "QueueBacklogHigh", dedupKey: "QueueBacklogHigh")
                let request = IngestRequest(
                    source: .alertmanager, receivedAt: Self.now, payload: Data("{}".utf8),
                    alerts: [IngestAlert(alert: alert, key: "QueueBacklogHigh")]
                )
                let result = try await store.ingest(request)
                #expect(result.queuedDeliveries == 1)
                let fresh = OutboxHeartbeatCheck(outbox: store, maxDueAge: 300, now: { Self.now + 299 })
                let detail = try await fresh.check()
                #expect(detail.hasPrefix("1 due, oldest 299 s"))
                let stale = OutboxHeartbeatCheck(outbox: store, maxDueAge: 300, now: { Self.now + 301 })
                await #expect {
                    _ = try await stale.check()
                } throws: { error in
                    String(describing: error).contains("the oldest due delivery has waited 301 s (limit 300 s)")
                }
            }
        }
    }

    @Test func runbooksOwnAlertMatchesItsEntryInOperationsWithTheServersMatcher() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs").path
        let holder = LibraryHolder(try FolderRunbookSource(folders: RunbookFolders(paths: [docs])).load())
        let alert = DeliveryFailedAlert.alert(channel: "oncall-slack", route: "default", count: 3,
                                              lastError: "receiver answered HTTP 404", at: Self.now)
        let item = holder.ingestAlert(for: alert)
        #expect(item.matches.first?.entry == "OPERATIONS.md#runbooknotificationdeliveryfailed")
        #expect(item.key.hasPrefix("RunbookNotificationDeliveryFailed"))
        #expect(holder.entry(id: "OPERATIONS.md#runbooknotificationdeliveryfailed")?.title
            == "RunbookNotificationDeliveryFailed")
    }

    @Test func withoutChannelsNoDispatcherOrCheckIsAdded() {
        let configuration = TestServer.configuration()
        let dependencies = ServerDependencies(store: nil)
        #expect(notificationServices(configuration: configuration, dependencies: dependencies).isEmpty)
        #expect(notificationHeartbeatChecks(configuration: configuration, dependencies: dependencies).isEmpty)
    }
}
