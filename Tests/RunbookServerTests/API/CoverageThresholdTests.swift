import Foundation
import RunbookCore
import Testing

@testable import RunbookServer

/// The setting `coverage_threshold`: the coverage report's default threshold, from every configuration layer.
struct CoverageThresholdTests {
    @Test
    func theDefaultIsTheMatchThreshold() throws {
        let loaded = try ServerConfiguration.load()
        #expect(loaded.configuration.coverageThreshold == IncidentPolicy().matchThreshold)
        #expect(loaded.renderedYAML().contains("coverage_threshold: 0.5  # default"))
    }

    @Test(arguments: [
        ("coverage_threshold: 0.7\n", [:], [:], 0.7, ConfigLayer.file),
        ("", ["RUNBOOK_COVERAGE_THRESHOLD": "0.25"], [:], 0.25, .environment),
        ("coverage_threshold: 0.7\n", ["RUNBOOK_COVERAGE_THRESHOLD": "0.25"], ["coverage_threshold": "1"], 1, .flag),
    ] as [(String, [String: String], [String: String], Double, ConfigLayer)])
    func eachLayerSetsIt(file: String, environment: [String: String], flags: [String: String], expected: Double,
                         layer: ConfigLayer) throws {
        let loaded = try ServerConfiguration.load(
            file: ConfigFile(yaml: file), environment: environment, flags: flags.mapValues { .scalar($0) })
        #expect(loaded.configuration.coverageThreshold == expected)
        #expect(loaded.layer(of: try #require(ConfigKey.named("coverage_threshold"))) == layer)
    }

    @Test(arguments: ["1.5", "-0.1", "high", ""])
    func aValueOutsideZeroToOneIsRefused(value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(environment: ["RUNBOOK_COVERAGE_THRESHOLD": value])
        }
        #expect(error?.issues.map(\.key) == ["RUNBOOK_COVERAGE_THRESHOLD"])
        #expect(error?.issues.first?.message.contains("a number from 0 to 1") == true)
    }

    @Test
    func theReportUsesTheSettingUnlessTheRequestGivesAThreshold() async throws {
        let harness = try await APIHarness.make()
        try await harness.ingest([APIHarness.alert("DiskFull")], at: 0)
        let covered = try #require(try await harness.store.incidents(matching: .init(limit: 1)).incidents.first)
        let score = try #require(covered.score)
        var configuration = TestServer.configuration()
        configuration.coverageThreshold = 1
        try await harness.run(configuration: configuration) { api in
            let strict = try await api.send(.get, "/api/v1/coverage", as: .viewer)
                .decode(CoverageController.Report.self)
            #expect(strict.threshold == 1)
            #expect(score < 1)
            #expect(strict.keys.map(\.key) == [AlertKey.key(for: APIHarness.alert("DiskFull"))])
            let given = try await api.send(.get, "/api/v1/coverage?threshold=\(score)", as: .viewer)
                .decode(CoverageController.Report.self)
            #expect(given.threshold == score)
            #expect(given.keys.isEmpty)
        }
    }
}
