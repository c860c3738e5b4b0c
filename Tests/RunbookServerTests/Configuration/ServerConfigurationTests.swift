import Logging
import Testing

@testable import RunbookServer

struct ServerConfigurationTests {
    @Test
    func defaultsAreTheDocumentedOnes() throws {
        let configuration = try ServerConfiguration.load().configuration
        #expect(configuration.listen.description == "127.0.0.1:8080")
        #expect(configuration.dataDirectory == "./runbook-data")
        #expect(configuration.runbookFolders == ["examples/runbooks"])
        #expect(configuration.maxRequestBody == 1 << 20)
        #expect(configuration.retentionAge == .seconds(90 * 86_400))
        #expect(configuration.logFormat == .auto)
        #expect(configuration.effectiveBaseURL == "http://127.0.0.1:8080")
    }

    /// Each row sets `log.level` in some layers; the highest layer present wins.
    @Test(arguments: [
        (nil, nil, nil, Logger.Level.info, ConfigLayer.defaults),
        ("debug", nil, nil, .debug, .file),
        ("debug", "warning", nil, .warning, .environment),
        ("debug", "warning", "error", .error, .flag),
        (nil, nil, "trace", .trace, .flag),
        ("debug", nil, "critical", .critical, .flag),
    ] as [(String?, String?, String?, Logger.Level, ConfigLayer)])
    func laterLayersOverrideEarlierOnes(
        file: String?, environment: String?, flag: String?, expected: Logger.Level, layer: ConfigLayer
    ) throws {
        let loaded = try ServerConfiguration.load(
            file: file.map { ConfigFile(yaml: "log:\n  level: \($0)\n") },
            environment: environment.map { ["RUNBOOK_LOG_LEVEL": $0] } ?? [:],
            flags: flag.map { ["log.level": .scalar($0)] } ?? [:]
        )
        #expect(loaded.configuration.logLevel == expected)
        #expect(loaded.layer(of: ConfigKey.named("log.level")!) == layer)
    }

    @Test
    func everySettingCanBeSetFromEachLayer() throws {
        let file = ConfigFile(yaml: """
            listen: 0.0.0.0:9000
            data: /var/lib/runbook
            runbooks: [a, b]
            public_url: https://runbook.example.com/
            log: {format: json, level: debug}
            http: {max_body: 2MiB}
            retention: {age: 30d, interval: 12h}
            incidents: {auto_resolve: false, reopen_window: 15m}
            library: {poll_interval: 0}
            sns: {auto_confirm: yes}
            shutdown.timeout: 5s
            """)
        let configuration = try ServerConfiguration.load(file: file).configuration
        #expect(configuration.listen == ListenAddress(host: "0.0.0.0", port: 9000))
        #expect(configuration.dataDirectory == "/var/lib/runbook")
        #expect(configuration.runbookFolders == ["a", "b"])
        #expect(configuration.effectiveBaseURL == "https://runbook.example.com")
        #expect(configuration.logFormat == .json)
        #expect(configuration.maxRequestBody == 2 << 20)
        #expect(configuration.retentionAge == .seconds(30 * 86_400))
        #expect(configuration.retentionInterval == .seconds(12 * 3_600))
        #expect(!configuration.autoResolveIncidents)
        #expect(configuration.reopenWindow == .seconds(900))
        #expect(configuration.libraryPollInterval == .zero)
        #expect(configuration.snsAutoConfirm)
        #expect(configuration.shutdownTimeout == .seconds(5))

        let fromEnvironment = try ServerConfiguration.load(environment: [
            "RUNBOOK_RUNBOOKS": "x,y", "RUNBOOK_HTTP_MAX_BODY": "10KiB", "RUNBOOK_SNS_AUTO_CONFIRM": "true",
        ]).configuration
        #expect(fromEnvironment.runbookFolders == ["x", "y"])
        #expect(fromEnvironment.maxRequestBody == 10 << 10)
        #expect(fromEnvironment.snsAutoConfirm)
    }

    @Test
    func namesFollowOneRuleAcrossFileEnvironmentAndFlags() {
        let key = ConfigKey.named("incidents.reopen_window")
        #expect(key?.environmentVariable == "RUNBOOK_INCIDENTS_REOPEN_WINDOW")
        #expect(key?.flag == "--incidents-reopen-window")
        #expect(ConfigKey.named("--log-format")?.name == "log.format")
        #expect(ConfigKey.named("RUNBOOK_DATA")?.name == "data")
    }

    @Test
    func invalidValuesFromEveryLayerAreReportedTogether() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(
                file: ConfigFile(yaml: "retention:\n  age: 90days\n"),
                environment: ["RUNBOOK_LISTEN": "8080"],
                flags: ["log.format": .scalar("xml")]
            )
        }
        let issues = error?.issues ?? []
        #expect(issues.map(\.key) == ["retention.age", "RUNBOOK_LISTEN", "--log-format"])
        #expect(issues.first?.line == 2)
        #expect(issues.first?.message.contains("a duration like 90d") == true)
    }

    @Test
    func unknownEnvironmentVariablesWarnWithASuggestion() throws {
        let loaded = try ServerConfiguration.load(environment: [
            "RUNBOOK_LOG_LEVL": "debug", "RUNBOOK_CONFIG": "runbook.yml", "HOME": "/root",
        ])
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.key == "RUNBOOK_LOG_LEVL")
        #expect(loaded.warnings.first?.message.contains("RUNBOOK_LOG_LEVEL") == true)
    }

    @Test
    func renderedConfigurationReadsBackToTheSameSettings() throws {
        let loaded = try ServerConfiguration.load(
            environment: ["RUNBOOK_LISTEN": "[::1]:9000"],
            flags: ["runbooks": .list(["docs", "runbooks"]), "log.format": .scalar("json")]
        )
        let yaml = loaded.renderedYAML()
        #expect(yaml.contains("  format: json  # --log-format"))
        #expect(yaml.contains("# RUNBOOK_LISTEN"))
        let reread = try ServerConfiguration.load(file: ConfigFile(yaml: yaml))
        #expect(reread.configuration == loaded.configuration)
    }

    @Test
    func credentialsInURLsAreMaskedWhenShown() throws {
        let loaded = try ServerConfiguration.load(flags: ["public_url": .scalar("https://bot:hunter2@example.com")])
        let yaml = loaded.renderedYAML()
        #expect(!yaml.contains("hunter2"))
        #expect(yaml.contains("bot:[OMITTED]@example.com"))
    }
}
