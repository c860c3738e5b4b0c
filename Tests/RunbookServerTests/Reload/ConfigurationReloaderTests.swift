import Foundation
import NIOConcurrencyHelpers
import RunbookCore
import RunbookNotify
import Testing

@testable import RunbookServer

/// What a reload puts in force and what it refuses, with the configuration read from YAML as `serve` reads it.
struct ConfigurationReloaderTests {
    static func yaml(route: String, channels: [String] = ["first", "second"]) -> String {
        let list = channels.map { "    - name: \($0)\n      type: webhook\n      url: http://127.0.0.1:9/\($0)\n" }
        return "notifications:\n  channels:\n" + list.joined() + "  default_route: [\(route)]\n"
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
            configuration: configuration, planner: planner, logger: .init(label: "test"), factory: metrics.factory
        ) { try Self.configuration(file.withLockedValue { $0 }) }
        return (reloader, planner)
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
    func anInvalidFileOrOtherChannelsAreRefusedAndTheOldRoutesStay() throws {
        let file = NIOLockedValueBox(Self.yaml(route: "first"))
        let metrics = MetricsExporter()
        let (reloader, planner) = try Self.reloader(starting: file.withLockedValue { $0 }, file: file, metrics: metrics)
        let refusals = [
            Self.yaml(route: "nowhere"),
            "notifications:\n  bogus_key: 1\n",
            Self.yaml(route: "third", channels: ["first", "second", "third"]),
        ]
        for yaml in refusals {
            file.withLockedValue { $0 = yaml }
            #expect(throws: (any Error).self, "\(yaml)") { try reloader.reload() }
            #expect(planner.planner?.routes.defaultRoute.channels == ["first"])
            #expect(metrics.render().contains("runbook_config_last_reload_successful 0"))
        }
        let channels = try #require(refusals.last)
        file.withLockedValue { $0 = channels }
        #expect { try reloader.reload() } throws: { error in "\(error)".contains("third") }
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
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            let api = APIClient(client: client, secrets: harness.secrets)
            #expect(try await api.send(.post, "/-/reload", as: .operator).status == .forbidden)

            file.withLockedValue { $0 = ConfigurationReloaderTests.yaml(route: "second") }
            let reloaded = try await api.send(.post, "/-/reload", as: .admin)
            #expect(reloaded.status == .ok)
            #expect(try reloaded.object()["restart_needed"] as? [String] == [])
            #expect(planner.planner?.routes.defaultRoute.channels == ["second"])

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
