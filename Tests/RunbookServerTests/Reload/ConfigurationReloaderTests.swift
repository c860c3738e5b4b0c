import Foundation
import NIOConcurrencyHelpers
import RunbookCore
import RunbookNotify
import Testing

@testable import RunbookServer

/// What a reload puts in force and what it refuses, with the configuration read from YAML as `serve` reads it.
struct ConfigurationReloaderTests {
    static func yaml(
        route: String, channels: [String] = ["first", "second"], path: String = "", extra: String = ""
    ) -> String {
        let list = channels.map {
            "    - name: \($0)\n      type: webhook\n      url: http://127.0.0.1:9/\($0)\(path)\n"
        }
        return "notifications:\n  channels:\n" + list.joined() + "  default_route: [\(route)]\n" + extra
    }

    static func configuration(_ yaml: String) throws -> ServerConfiguration {
        try ServerConfiguration.load(file: ConfigFile(yaml: yaml)).configuration
    }

    /// A reloader whose file holds what `file` holds when it reloads.
    static func reloader(
        starting yaml: String, file: NIOLockedValueBox<String>, metrics: MetricsExporter
    ) throws -> (ConfigurationReloader, ReloadablePlanner) {
        let configuration = try configuration(yaml)
        let planner = ReloadablePlanner(configuration.notificationPlanner)
        let reloader = ConfigurationReloader(
            configuration: configuration, planner: planner,
            dispatch: DispatchSettings(configuration.notifications, client: .shared),
            limits: RequestLimits(configuration), logger: .init(label: "test"), factory: metrics.factory
        ) { try Self.configuration(file.withLockedValue { $0 }) }
        return (reloader, planner)
    }

    /// The URL of the webhook channel `name` in force in `reloader`'s dispatcher.
    static func url(of name: String, in reloader: ConfigurationReloader) -> URL? {
        guard case .webhook(let webhook) = reloader.dispatch.channels[name]?.settings.kind else { return nil }
        return webhook.url
    }

    @Test
    func aChangedRouteIsPutInForce() throws {
        let file = NIOLockedValueBox(Self.yaml(route: "first"))
        let metrics = MetricsExporter()
        let (reloader, planner) = try Self.reloader(starting: file.withLockedValue { $0 }, file: file, metrics: metrics)
        #expect(planner.planner?.routes.defaultRoute.channels == ["first"])
        file.withLockedValue { $0 = Self.yaml(route: "second") }
        try reloader.reload()
        #expect(planner.planner?.routes.defaultRoute.channels == ["second"])
        #expect(reloader.configuration.notifications.routes.defaultRoute.channels == ["second"])
        #expect(metrics.render().contains("runbook_config_last_reload_successful 1"))
    }

    @Test
    func channelsAddedRemovedOrChangedAreInForceAndNamedInTheOutcome() throws {
        let file = NIOLockedValueBox(Self.yaml(route: "first"))
        let (reloader, planner) = try Self.reloader(
            starting: file.withLockedValue { $0 }, file: file, metrics: MetricsExporter())
        #expect(Self.url(of: "second", in: reloader)?.absoluteString == "http://127.0.0.1:9/second")

        file.withLockedValue {
            $0 = Self.yaml(route: "third", channels: ["second", "third"], path: "/moved",
                           extra: "  retry:\n    first: 2s\n  dispatcher:\n    batch_size: 7\n")
        }
        let outcome = try reloader.reload()
        #expect(outcome.channels == ["second", "third"])
        #expect(outcome.channelsAdded == ["third"] && outcome.channelsRemoved == ["first"])
        #expect(outcome.channelsChanged == ["second"])
        #expect(outcome.applied == [
            "notifications.channels", "notifications.default_route", "notifications.retry",
            "notifications.dispatcher.batch_size",
        ])
        #expect(outcome.restartNeeded.isEmpty)
        #expect(Self.url(of: "second", in: reloader)?.absoluteString == "http://127.0.0.1:9/second/moved")
        #expect(Self.url(of: "third", in: reloader) != nil && reloader.dispatch.channels["first"] == nil)
        #expect(reloader.dispatch.settings.retry.firstDelay == 2 && reloader.dispatch.settings.batchSize == 7)
        #expect(planner.planner?.routes.defaultRoute.channels == ["third"])
    }

    @Test
    func limitsApplyAndSettingsThatNeedARestartAreNamed() throws {
        let file = NIOLockedValueBox(Self.yaml(route: "first"))
        let (reloader, _) = try Self.reloader(
            starting: file.withLockedValue { $0 }, file: file, metrics: MetricsExporter())
        file.withLockedValue {
            $0 = "listen: 127.0.0.1:9999\nlimits:\n  alerts_per_request: 5\n"
                + Self.yaml(route: "first", extra: "  dispatcher:\n    max_due_age: 1m\n")
        }
        let outcome = try reloader.reload()
        #expect(outcome.applied == ["limits.alerts_per_request"])
        #expect(reloader.limits.values.alerts.alertsPerRequest == 5)
        #expect(outcome.restartNeeded == ["notifications.dispatcher.max_due_age", "listen"])
    }

    @Test
    func anInvalidFileOrNotificationsTurnedOffAreRefusedAndTheOldOnesStay() throws {
        let file = NIOLockedValueBox(Self.yaml(route: "first"))
        let metrics = MetricsExporter()
        let (reloader, planner) = try Self.reloader(starting: file.withLockedValue { $0 }, file: file, metrics: metrics)
        let badChannel = "notifications:\n  channels:\n    - name: first\n      type: webhook\n"
            + "      url: ftp://127.0.0.1/first\n    - name: second\n      type: webhook\n"
            + "      url: http://127.0.0.1:9/second/new\n  default_route: [first]\n"
        let refusals = [
            Self.yaml(route: "nowhere"),
            "notifications:\n  bogus_key: 1\n",
            badChannel,
            "listen: 127.0.0.1:8080\n",
        ]
        for yaml in refusals {
            file.withLockedValue { $0 = yaml }
            #expect(throws: (any Error).self, "\(yaml)") { try reloader.reload() }
            #expect(planner.planner?.routes.defaultRoute.channels == ["first"])
            #expect(Self.url(of: "first", in: reloader)?.absoluteString == "http://127.0.0.1:9/first")
            #expect(Self.url(of: "second", in: reloader)?.absoluteString == "http://127.0.0.1:9/second")
            #expect(metrics.render().contains("runbook_config_last_reload_successful 0"))
        }
        file.withLockedValue { $0 = badChannel }
        #expect { try reloader.reload() } throws: { error in "\(error)".contains("notifications.channels") }
        file.withLockedValue { $0 = "listen: 127.0.0.1:8080\n" }
        #expect { try reloader.reload() } throws: { error in "\(error)".contains("turned off") }
    }

    @Test
    func incidentChangesAreNamedForTheLog() {
        let opened = Date(timeIntervalSince1970: 1_000)
        let incident = Incident(id: 7, key: "DiskFull db-1", title: "DiskFull", source: .alertmanager,
                                groupKey: "g", openedAt: opened, openedBy: "am")
        func event(_ kind: IncidentChange.Kind, at: Date) -> String? {
            IncidentLogPlanner.event(of: IncidentChange(incident: incident, kind: kind, labels: [:], at: at))
        }
        #expect(event(.opened, at: opened) == "incident.opened")
        #expect(event(.opened, at: opened.addingTimeInterval(60)) == "incident.reopened")
        #expect(event(.acknowledged, at: opened) == "incident.acknowledged")
        #expect(event(.resolved, at: opened) == "incident.resolved")
        #expect(event(.repeated, at: opened) == nil)
    }
}

/// `POST /-/reload` on a live server: admin only, 200 with what is in force, 422 with the reason when refused.
struct ConfigurationReloadAPITests {
    @Test
    func anAdminReloadsAndARefusalSaysWhy() async throws {
        let harness = try await APIHarness.make()
        let file = NIOLockedValueBox(ConfigurationReloaderTests.yaml(route: "first"))
        let (reloader, planner) = try ConfigurationReloaderTests.reloader(
            starting: file.withLockedValue { $0 }, file: file, metrics: MetricsExporter())
        var dependencies = harness.dependencies()
        dependencies.services.append(ConfigurationReloadService(reloader: reloader, signals: []))
        dependencies.requestLimits = reloader.limits
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            let api = APIClient(client: client, secrets: harness.secrets)
            #expect(try await api.send(.post, "/-/reload", as: .operator).status == .forbidden)

            file.withLockedValue { $0 = ConfigurationReloaderTests.yaml(route: "second") }
            let reloaded = try await api.send(.post, "/-/reload", as: .admin)
            #expect(reloaded.status == .ok)
            #expect(try reloaded.object()["restart_needed"] as? [String] == [])
            #expect(planner.planner?.routes.defaultRoute.channels == ["second"])

            // A limit read per request applies to the next request.
            let twoFilters = "/api/v1/incidents?label.a=1&label.b=2"
            #expect(try await api.send(.get, twoFilters, as: .viewer).status == .ok)
            file.withLockedValue {
                $0 = "limits:\n  filters_per_query: 1\n" + ConfigurationReloaderTests.yaml(route: "second")
            }
            let limited = try await api.send(.post, "/-/reload", as: .admin)
            #expect(try limited.object()["applied"] as? [String] == ["limits.filters_per_query"])
            #expect(try await api.send(.get, twoFilters, as: .viewer).status == .unprocessableContent)

            file.withLockedValue { $0 = ConfigurationReloaderTests.yaml(route: "nowhere") }
            let refused = try await api.send(.post, "/-/reload", as: .admin)
            #expect(refused.status == .unprocessableContent)
            #expect(try refused.error().error == "reload_failed")
            #expect(try refused.error().detail.contains("nowhere"))
            #expect(planner.planner?.routes.defaultRoute.channels == ["second"])
        }
        try await harness.close()
    }
}
