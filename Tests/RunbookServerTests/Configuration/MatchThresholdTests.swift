import Foundation
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// The setting `incidents.match_threshold`: how confident a match must be to name an incident's entry, from every
/// configuration layer down to the store that opens incidents.
struct MatchThresholdTests {
    @Test
    func theDefaultIsHalf() throws {
        let loaded = try ServerConfiguration.load()
        #expect(loaded.configuration.matchThreshold == 0.5)
        #expect(loaded.configuration.incidentPolicy.matchThreshold == 0.5)
        #expect(loaded.configuration.coverageThreshold == 0.5)
        let key = try #require(ConfigKey.named("incidents.match_threshold"))
        #expect(key.environmentVariable == "RUNBOOK_INCIDENTS_MATCH_THRESHOLD")
        #expect(key.flag == "--incidents-match-threshold")
    }

    @Test(arguments: [
        ("incidents:\n  match_threshold: 0.7\n", [:], [:], 0.7, ConfigLayer.file),
        ("", ["RUNBOOK_INCIDENTS_MATCH_THRESHOLD": "0.8"], [:], 0.8, .environment),
        ("incidents:\n  match_threshold: 0.7\n", ["RUNBOOK_INCIDENTS_MATCH_THRESHOLD": "0.8"],
         ["incidents.match_threshold": "0.9"], 0.9, .flag),
    ] as [(String, [String: String], [String: String], Double, ConfigLayer)])
    func eachLayerSetsIt(file: String, environment: [String: String], flags: [String: String], expected: Double,
                         layer: ConfigLayer) throws {
        let loaded = try ServerConfiguration.load(
            file: ConfigFile(yaml: file), environment: environment, flags: flags.mapValues { .scalar($0) })
        #expect(loaded.configuration.matchThreshold == expected)
        #expect(loaded.configuration.incidentPolicy.matchThreshold == expected)
        #expect(loaded.layer(of: try #require(ConfigKey.named("incidents.match_threshold"))) == layer)
    }

    @Test(arguments: ["1.5", "-0.1", "sure", ""])
    func aValueOutsideZeroToOneIsRefused(value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(file: ConfigFile(yaml: "incidents:\n  match_threshold: \"\(value)\"\n"))
        }
        #expect(error?.issues.map(\.key) == ["incidents.match_threshold"])
        #expect(error?.issues.first?.message.contains("a number from 0 to 1") == true)
    }

    @Test
    func theCoverageReportFollowsItUnlessSetItself() throws {
        let following = try ServerConfiguration.load(environment: ["RUNBOOK_INCIDENTS_MATCH_THRESHOLD": "0.7"])
        #expect(following.configuration.coverageThreshold == 0.7)
        let yaml = following.renderedYAML()
        #expect(yaml.contains("  match_threshold: 0.7  # RUNBOOK_INCIDENTS_MATCH_THRESHOLD"))
        #expect(yaml.contains("coverage_threshold: 0.7  # default; follows incidents.match_threshold"))
        let apart = try ServerConfiguration.load(
            file: ConfigFile(yaml: "coverage_threshold: 0.4\n"),
            environment: ["RUNBOOK_INCIDENTS_MATCH_THRESHOLD": "0.7"])
        #expect(apart.configuration.coverageThreshold == 0.4)
        #expect(apart.configuration.matchThreshold == 0.7)
        #expect(apart.renderedYAML().contains("coverage_threshold: 0.4  # config file\n"))
    }

    @Test
    func aReloadLeavesItForTheNextStart() throws {
        let running = try ServerConfiguration.load().configuration
        let reloaded = try ServerConfiguration.load(environment: ["RUNBOOK_INCIDENTS_MATCH_THRESHOLD": "0.7"])
            .configuration
        let changes = ReloadableSetting.changes(from: running, to: reloaded)
        #expect(changes.restartNeeded == ["incidents.match_threshold"])
        // The coverage report's threshold followed it, and a reload puts that one in force.
        #expect(changes.applied == ["coverage_threshold"])
    }

    /// A store opened from the configuration, as `runbook serve` opens it, names the entry of a new incident only
    /// from the configured confidence: under it the incident opens with no entry.
    @Test
    func aStoreOpenedFromTheConfigurationNamesNoEntryUnderIt() async throws {
        let alert = APIHarness.alert("DiskFull")
        let matches = APIHarness.snapshot().index.match(alert)
        let best = try #require(matches.first)
        #expect(best.entry == APIHarness.diskFullID)
        #expect(best.score >= 0.5 && best.score < 1, "the test needs a match between the two thresholds")
        for (threshold, entry) in [(nil, Optional(APIHarness.diskFullID)), (1, nil)] as [(Double?, String?)] {
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("runbook-threshold-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            var environment = ["RUNBOOK_DATA": folder.path]
            if let threshold { environment["RUNBOOK_INCIDENTS_MATCH_THRESHOLD"] = String(threshold) }
            let configuration = try ServerConfiguration.load(environment: environment).configuration
            let store = try await configuration.openStore()
            do {
                try await store.ingest(IngestRequest(
                    source: .alertmanager, integration: "am", receivedAt: APIHarness.start,
                    contentType: "application/json", payload: Data(#"{"test":true}"#.utf8),
                    alerts: [IngestAlert(alert: alert, key: AlertKey.key(for: alert), matches: matches)]))
                let incident = try #require(try await store.incidents(matching: .init(limit: 1)).incidents.first)
                #expect(incident.entryID == entry, "threshold \(threshold.map { String($0) } ?? "default")")
            } catch {
                try await store.close()
                throw error
            }
            try await store.close()
        }
    }
}
