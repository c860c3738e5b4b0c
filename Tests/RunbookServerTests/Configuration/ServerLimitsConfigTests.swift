import Testing

@testable import RunbookServer

struct ServerLimitsConfigTests {
    @Test
    func limitsComeFromTheFileTheEnvironmentAndFlags() throws {
        let loaded = try ServerConfiguration.load(
            file: ConfigFile(yaml: "http:\n  max_body: 2MiB\n  header_timeout: 5s\n  idle_timeout: 90s\n"),
            environment: ["RUNBOOK_HTTP_MAX_IN_FLIGHT": "64", "RUNBOOK_HTTP_BODY_TIMEOUT": "250ms"],
            flags: ["http.max_queued_writes": .scalar("100"), "http.heartbeat_interval": .scalar("1s")]
        )
        let limits = loaded.configuration.limits
        #expect(limits.headerTimeout == .seconds(5))
        #expect(limits.idleTimeout == .seconds(90))
        #expect(limits.maxInFlight == 64)
        #expect(limits.bodyTimeout == .milliseconds(250))
        #expect(limits.maxQueuedWrites == 100)
        #expect(limits.heartbeatInterval == .seconds(1))
        #expect(limits.maxConnections == ServerLimits().maxConnections)
        #expect(ConfigKey.named("--http-max-connections")?.name == "http.max_connections")
    }

    @Test(arguments: ["http.header_timeout", "http.max_in_flight", "http.max_connections"])
    func aZeroLimitIsRefusedNamingTheSetting(key: String) {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(flags: [key: .scalar("0")])
        }
    }

    @Test
    func configShowListsEveryLimitInTheHTTPSection() throws {
        let yaml = try ServerConfiguration.load().renderedYAML()
        #expect(yaml.components(separatedBy: "\nhttp:\n").count == 2)
        for line in ["  header_timeout: 10s  # default", "  max_in_flight: 256  # default",
                     "  heartbeat_interval: 2s  # default"] {
            #expect(yaml.contains(line), "\(yaml)")
        }
    }
}
