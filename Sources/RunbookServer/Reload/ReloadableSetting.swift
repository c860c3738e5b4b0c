/// One setting of the configuration file as a reload sees it: its name, and whether the running server takes a
/// new value (`reloads`) or only the next start does.
///
/// `ReloadableSetting.all` covers every field of `ServerConfiguration`; `changes(from:to:)` names those that
/// differ between two configurations, so that a reload can say which changes it applied and which wait for a
/// restart. A field no entry covers still shows, as `other settings`, so a new field cannot change silently.
///
/// ```swift
/// let (applied, waiting) = ReloadableSetting.changes(from: running, to: reloaded)
/// ```
struct ReloadableSetting: Sendable {
    /// The setting's key in the file (`notifications.retry`, `limits`).
    let name: String
    /// True when a reload puts a new value in force.
    let reloads: Bool
    let differs: @Sendable (ServerConfiguration, ServerConfiguration) -> Bool
    let copy: @Sendable (inout ServerConfiguration, ServerConfiguration) -> Void

    init<Value: Equatable>(
        _ name: String, _ keyPath: WritableKeyPath<ServerConfiguration, Value> & Sendable, reloads: Bool
    ) {
        self.name = name
        self.reloads = reloads
        differs = { $0[keyPath: keyPath] != $1[keyPath: keyPath] }
        copy = { $0[keyPath: keyPath] = $1[keyPath: keyPath] }
    }

    /// Every setting, those a reload applies first.
    static let all: [ReloadableSetting] = [
        .init("notifications.channels", \.notifications.channels, reloads: true),
        .init("notifications.routes", \.notifications.routes.routes, reloads: true),
        .init("notifications.default_route", \.notifications.routes.defaultRoute, reloads: true),
        .init("notifications.fallback", \.notifications.routes.fallbackChannels, reloads: true),
        .init("notifications.storm.limit", \.notifications.stormLimit, reloads: true),
        .init("notifications.storm.window", \.notifications.stormWindow, reloads: true),
        .init("notifications.repeat_interval", \.notifications.repeatInterval, reloads: true),
        .init("notifications.retry", \.notifications.retry, reloads: true),
        .init("notifications.dispatcher.batch_size", \.notifications.batchSize, reloads: true),
        .init("notifications.dispatcher.poll_interval", \.notifications.pollInterval, reloads: true),
        .init("notifications.dispatcher.lease", \.notifications.lease, reloads: true),
        .init("limits.alerts_per_request", \.alertLimits.alertsPerRequest, reloads: true),
        .init("limits.labels_per_alert", \.alertLimits.labelsPerAlert, reloads: true),
        .init("limits.label_name_bytes", \.alertLimits.labelNameBytes, reloads: true),
        .init("limits.label_value_bytes", \.alertLimits.labelValueBytes, reloads: true),
        .init("limits.annotation_bytes", \.alertLimits.annotationBytes, reloads: true),
        .init("limits.request_alert_bytes", \.alertLimits.requestAlertBytes, reloads: true),
        .init("limits.filters_per_query", \.maxQueryFilters, reloads: true),
        .init("limits.silence_length", \.maxSilenceLength, reloads: true),
        .init("coverage_threshold", \.coverageThreshold, reloads: true),
        .init("notifications.dispatcher.max_due_age", \.notifications.maxDueAge, reloads: false),
        .init("notifications.console_url", \.notifications.consoleURL, reloads: false),
        .init("listen", \.listen, reloads: false),
        .init("data", \.dataDirectory, reloads: false),
        .init("runbooks", \.runbookFolders, reloads: false),
        .init("public_url", \.publicBaseURL, reloads: false),
        .init("log.format", \.logFormat, reloads: false),
        .init("log.level", \.logLevel, reloads: false),
        .init("http.max_body", \.maxRequestBody, reloads: false),
        .init("http", \.limits, reloads: false),
        .init("retention.age", \.retentionAge, reloads: false),
        .init("retention.interval", \.retentionInterval, reloads: false),
        .init("incidents.auto_resolve", \.autoResolveIncidents, reloads: false),
        .init("incidents.reopen_window", \.reopenWindow, reloads: false),
        .init("incidents.match_threshold", \.matchThreshold, reloads: false),
        .init("library.poll_interval", \.libraryPollInterval, reloads: false),
        .init("sns.auto_confirm", \.snsAutoConfirm, reloads: false),
        .init("shutdown.timeout", \.shutdownTimeout, reloads: false),
        .init("console.proxy_*", \.proxySignIn, reloads: false),
    ]

    /// The names of the settings that differ from `old` to `new`: those a reload applies, and those that wait for
    /// a restart.
    static func changes(
        from old: ServerConfiguration, to new: ServerConfiguration
    ) -> (applied: [String], restartNeeded: [String]) {
        var applied: [String] = []
        var restartNeeded: [String] = []
        var covered = old
        for setting in all {
            if setting.differs(covered, new) {
                if setting.reloads { applied.append(setting.name) } else { restartNeeded.append(setting.name) }
            }
            setting.copy(&covered, new)
        }
        if covered != new { restartNeeded.append("other settings") }
        return (applied, restartNeeded)
    }
}
