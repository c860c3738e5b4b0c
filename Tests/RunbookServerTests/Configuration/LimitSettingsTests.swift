import Foundation
import RunbookCore
import Testing

@testable import RunbookServer

/// The `limits.*` settings: defaults, every configuration layer, `config show`, and refused values.
struct LimitSettingsTests {
    @Test
    func theDefaultsAreShown() throws {
        let loaded = try ServerConfiguration.load()
        #expect(loaded.configuration.alertLimits == AlertLimits())
        #expect(loaded.configuration.maxQueryFilters == 20)
        #expect(loaded.configuration.maxSilenceLength == .seconds(90 * 86_400))
        let yaml = loaded.renderedYAML()
        for line in ["alerts_per_request: 1000", "labels_per_alert: 100", "label_name_bytes: 256B",
                     "label_value_bytes: 4KiB", "annotation_bytes: 64KiB", "request_alert_bytes: 8MiB",
                     "filters_per_query: 20", "silence_length: 90d"] {
            #expect(yaml.contains(line + "  # default"), "\(line)")
        }
    }

    @Test
    func eachLayerSetsThem() throws {
        let loaded = try ServerConfiguration.load(
            file: ConfigFile(yaml: "limits:\n  alerts_per_request: 50\n  label_value_bytes: 1KiB\n"),
            environment: ["RUNBOOK_LIMITS_FILTERS_PER_QUERY": "5", "RUNBOOK_LIMITS_ALERTS_PER_REQUEST": "60"],
            flags: ["limits.silence_length": .scalar("7d"), "limits.alerts_per_request": .scalar("70")])
        #expect(loaded.configuration.alertLimits.alertsPerRequest == 70)
        #expect(loaded.configuration.alertLimits.labelValueBytes == 1_024)
        #expect(loaded.configuration.maxQueryFilters == 5)
        #expect(loaded.configuration.maxSilenceLength == .seconds(7 * 86_400))
        #expect(loaded.layer(of: try #require(ConfigKey.named("limits.alerts_per_request"))) == .flag)
        #expect(ConfigKey.named("RUNBOOK_LIMITS_LABELS_PER_ALERT")?.flag == "--limits-labels-per-alert")
    }

    @Test(arguments: [
        ("limits.alerts_per_request", "0"), ("limits.labels_per_alert", "-1"), ("limits.label_value_bytes", "lots"),
        ("limits.silence_length", "0"), ("limits.silence_length", "20000000000w"), ("limits.filters_per_query", ""),
    ])
    func anInvalidValueIsRefused(key: String, value: String) throws {
        #expect(throws: (any Error).self) {
            try ServerConfiguration.load(flags: [key: .scalar(value)])
        }
    }
}
