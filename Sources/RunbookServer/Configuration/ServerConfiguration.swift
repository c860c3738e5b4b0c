import Foundation
import Logging
import RunbookCore
import RunbookNotify
import RunbookStore

/// Every setting of `runbook serve`, with the defaults it runs with when nothing is configured.
///
/// Values come from four layers, each overriding the one before: these defaults, the YAML config file,
/// `RUNBOOK_…` environment variables, then command-line flags. `ConfigKey.all` lists every setting with its
/// file key, variable and flag; `ServerConfiguration.load(file:environment:flags:)` applies the layers.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.listen = ListenAddress(host: "0.0.0.0", port: 9090)
/// ```
public struct ServerConfiguration: Sendable, Equatable {
    /// The address the HTTP server binds to.
    public var listen = ListenAddress(host: "127.0.0.1", port: 8080)
    /// The folder holding the database and other state.
    public var dataDirectory = "./runbook-data"
    /// The PostgreSQL database shared by several nodes (`postgres://…`); nil for SQLite in the data folder.
    public var database: PostgresLocation?
    /// Most connections one node opens to PostgreSQL.
    public var databasePoolSize = 20
    /// The runbook library folders.
    public var runbookFolders = ["examples/runbooks"]
    /// The URL senders reach the server at, used when printing integration URLs; derived from `listen` when nil.
    public var publicBaseURL: String?
    /// How log lines are written.
    public var logFormat = LogFormatChoice.auto
    /// The lowest level logged.
    public var logLevel = Logger.Level.info
    /// The largest request body accepted, in bytes.
    public var maxRequestBody = 1 << 20
    /// Resolved incidents and alerts older than this are pruned.
    public var retentionAge = Duration.seconds(90 * 86_400)
    /// How often the retention job runs.
    public var retentionInterval = Duration.seconds(86_400)
    /// Whether an incident resolves itself once all its alerts are resolved.
    public var autoResolveIncidents = true
    /// A resolved incident that fires again within this window reopens instead of opening a new one.
    public var reopenWindow = Duration.seconds(3_600)
    /// How often the library folders are checked for changes; zero turns polling off.
    public var libraryPollInterval = Duration.seconds(5)
    /// Whether SNS subscription confirmations are confirmed automatically.
    public var snsAutoConfirm = false
    /// How long in-flight requests get to finish on shutdown before they are cancelled.
    public var shutdownTimeout = Duration.seconds(30)
    /// The confidence from which a match names an incident's entry; under it the incident has no entry, and the
    /// candidates are listed.
    public var matchThreshold = IncidentPolicy().matchThreshold
    /// The score below which the coverage report counts an alert key as having no confident entry; `matchThreshold`
    /// unless set.
    public var coverageThreshold = IncidentPolicy().matchThreshold
    /// How much one ingest request may carry (`limits.*`).
    public var alertLimits = AlertLimits()
    /// The most `label.*` filters one incidents query may give (`limits.filters_per_query`).
    public var maxQueryFilters = 20
    /// The longest silence granted (`limits.silence_length`).
    public var maxSilenceLength = SilenceRequest.defaultMaxLength
    /// Channels, routes, storm control, retries and the dispatcher (`notifications:`); off without channels.
    public var notifications = NotificationSettings()
    /// HTTP timeouts, connection and load limits, and how often the heartbeat runs (`http.*`).
    public var limits = ServerLimits()
    /// Console sign-in by a user-name header from an authenticating reverse proxy (`console.proxy_*`); off.
    public var proxySignIn = ProxySignIn()

    /// The defaults.
    public init() {}

    /// The base URL printed for integrations: `publicBaseURL`, else `http://` plus the listen address.
    public var effectiveBaseURL: String {
        if let publicBaseURL, !publicBaseURL.isEmpty {
            return publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        }
        return "http://\(listen)"
    }
}
