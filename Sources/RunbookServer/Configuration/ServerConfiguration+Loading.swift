extension ServerConfiguration {
    /// Environment variables that are read but are not settings.
    public static let otherEnvironmentVariables: Set<String> = [
        "RUNBOOK_CONFIG", "RUNBOOK_VERSION_FILE", "RUNBOOK_GIT_COMMIT", "RUNBOOK_BUILD_DATE",
    ]

    /// Applies the layers in order of precedence — defaults < `file` < `environment` < `flags` — and returns
    /// the result with where each setting came from.
    ///
    /// Only `RUNBOOK_…` variables are read from `environment`; an unknown one is a warning, as other tools may
    /// share the prefix. `flags` are keyed by setting name (`log.format`). Every invalid value is reported at
    /// once. `${NAME}` references in notification channels are read from `secrets`, `environment` when nil.
    ///
    /// ```swift
    /// let loaded = try ServerConfiguration.load(
    ///     file: ConfigFile(yaml: "log:\n  level: debug\n"),
    ///     environment: ProcessInfo.processInfo.environment,
    ///     flags: ["listen": .scalar("127.0.0.1:9090")]
    /// )
    /// ```
    public static func load(
        file: ConfigFile? = nil, environment: [String: String] = [:], flags: [String: ConfigInput] = [:],
        secrets: [String: String]? = nil
    ) throws(ConfigurationError) -> LoadedConfiguration {
        var loaded = LoadedConfiguration()
        var issues = file?.issues ?? []
        for setting in file?.settings ?? [] {
            loaded.set(setting.key, setting.input, layer: .file, line: setting.line, issues: &issues)
        }
        if let blocks = file?.blocks, !blocks.isEmpty {
            var reader = NotificationConfigReader(secrets: secrets ?? environment)
            reader.read(blocks, into: &loaded.configuration.notifications)
            issues += reader.issues
            for block in blocks {
                loaded.layers[block.key] = .file
            }
        }
        for (variable, value) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix("RUNBOOK_") {
            guard !otherEnvironmentVariables.contains(variable) else { continue }
            guard let key = ConfigKey.all.first(where: { $0.environmentVariable == variable }) else {
                var message = "unknown variable, ignored"
                let bare = String(variable.dropFirst("RUNBOOK_".count))
                if let suggestion = ConfigKey.suggestion(for: bare) {
                    message += "; did you mean `\(ConfigKey.named(suggestion)!.environmentVariable)`?"
                }
                issues.append(ConfigIssue(severity: .warning, key: variable, layer: .environment, message: message))
                continue
            }
            loaded.set(key.name, .scalar(value), layer: .environment, line: nil, issues: &issues)
        }
        for (name, input) in flags.sorted(by: { $0.key < $1.key }) {
            loaded.set(name, input, layer: .flag, line: nil, issues: &issues)
        }
        // The coverage report counts as uncovered what the server did not match, unless told otherwise.
        if loaded.layers["coverage_threshold"] == nil, loaded.layers["incidents.match_threshold"] != nil {
            loaded.configuration.coverageThreshold = loaded.configuration.matchThreshold
        }
        issues += loaded.configuration.notifications.consistencyIssues(layers: loaded.layers)
        issues += loaded.configuration.proxySignIn.consistencyIssues(layers: loaded.layers)
        if issues.contains(where: { $0.severity == .error }) {
            throw ConfigurationError(issues: issues)
        }
        loaded.warnings = issues
        return loaded
    }
}

/// A configuration with the layer each setting came from and the warnings found while loading it.
public struct LoadedConfiguration: Sendable, Equatable {
    public var configuration = ServerConfiguration()
    /// The layer that set each setting; settings left at their default are absent.
    public var layers: [String: ConfigLayer] = [:]
    /// Problems that did not stop loading (an unknown `RUNBOOK_…` variable).
    public var warnings: [ConfigIssue] = []

    /// The layer a setting's value came from.
    public func layer(of key: ConfigKey) -> ConfigLayer {
        layers[key.name] ?? .defaults
    }

    fileprivate mutating func set(
        _ name: String, _ input: ConfigInput, layer: ConfigLayer, line: Int?, issues: inout [ConfigIssue]
    ) {
        guard let key = ConfigKey.named(name) else {
            issues.append(ConfigIssue(key: name, layer: layer, line: line, message: "unknown setting"))
            return
        }
        let label =
            switch layer {
            case .environment: key.environmentVariable
            case .flag: key.flag
            case .file, .defaults: key.name
            }
        guard key.apply(input, to: &configuration) else {
            issues.append(ConfigIssue(key: label, layer: layer, line: line,
                                      message: "\(Self.show(input)) is not valid: expected \(key.expected)"))
            return
        }
        layers[key.name] = layer
    }

    private static func show(_ input: ConfigInput) -> String {
        switch input {
        case .scalar(let value): "`\(value)`"
        case .list(let values): "[\(values.joined(separator: ", "))]"
        }
    }
}
