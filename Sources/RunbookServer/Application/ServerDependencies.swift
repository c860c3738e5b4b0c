import Foundation
import Logging
import NIOCore
import RunbookNotify
import RunbookStore
import ServiceLifecycle

/// What the server is built from besides its configuration; tests pass their own.
public struct ServerDependencies: Sendable {
    /// The logger of the server and every request.
    public var logger: Logger
    /// Where `/metrics` and the middleware record.
    public var metrics: MetricsExporter
    /// What `/__version__` reports.
    public var version: VersionInfo
    /// The runbook library requests read.
    public var library: LibraryHolder
    /// Where alerts, incidents, integrations and tokens live; nil serves only the library and operational routes.
    public var store: (any Store)?
    /// Reloads the library now (`LibraryWatcher.reload`), for `POST /api/v1/runbooks/reload`; nil when there is
    /// no source to reload from.
    public var reloadLibrary: (@Sendable () throws -> LibrarySnapshot)?
    /// Checks `/__heartbeat__` runs besides the library's.
    public var heartbeatChecks: [any HeartbeatCheck]
    /// Long-running parts started with the server and stopped after it, in this order (library watcher, store).
    public var services: [any Service]
    /// The server's clock: when requests arrive (tests pass a fixed one).
    public var now: @Sendable () -> Date
    /// Fetches SNS signing certificates and subscription URLs (tests pass one answering from memory).
    public var certificateFetcher: any CertificateFetcher
    /// Called once the server listens, with its channel (tests read the bound port from it).
    public var onServerRunning: @Sendable (any Channel) async -> Void
    /// Wakes the notification dispatcher when ingest or an operator action queued deliveries.
    public var dispatcherSignal: DispatcherSignal
    /// The channels and settings the dispatcher sends with, which a configuration reload swaps; nil makes them
    /// from the configuration when the application is built (`ServerConfiguration.dispatchSettings`).
    public var dispatch: DispatchSettings?
    /// The limits requests read, which a configuration reload swaps; nil makes them from the configuration when
    /// the application is built.
    public var requestLimits: RequestLimits?

    /// Dependencies with an empty library, no extra checks or services, and a new metrics registry.
    public init(
        logger: Logger = Logger(label: "runbook"),
        metrics: MetricsExporter = MetricsExporter(),
        version: VersionInfo = VersionInfo(),
        library: LibraryHolder = LibraryHolder(),
        store: (any Store)? = nil,
        reloadLibrary: (@Sendable () throws -> LibrarySnapshot)? = nil,
        heartbeatChecks: [any HeartbeatCheck] = [],
        services: [any Service] = [],
        now: @escaping @Sendable () -> Date = { Date() },
        certificateFetcher: any CertificateFetcher = HTTPCertificateFetcher(),
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
        dispatcherSignal: DispatcherSignal = DispatcherSignal(),
        dispatch: DispatchSettings? = nil,
        requestLimits: RequestLimits? = nil
    ) {
        self.logger = logger
        self.metrics = metrics
        self.version = version
        self.library = library
        self.store = store
        self.reloadLibrary = reloadLibrary
        self.heartbeatChecks = heartbeatChecks
        self.services = services
        self.now = now
        self.certificateFetcher = certificateFetcher
        self.onServerRunning = onServerRunning
        self.dispatcherSignal = dispatcherSignal
        self.dispatch = dispatch
        self.requestLimits = requestLimits
    }

    /// These dependencies with `dispatch` and `requestLimits` made from `configuration` when they are nil, so that
    /// every part of the server shares one of each (and the acknowledge-link key is read once).
    func withReloadables(_ configuration: ServerConfiguration) -> ServerDependencies {
        var dependencies = self
        dependencies.dispatch = dispatchSettings(configuration)
        dependencies.requestLimits = limits(configuration)
        return dependencies
    }

    /// `requestLimits`, or when it is nil the limits `configuration` sets.
    func limits(_ configuration: ServerConfiguration) -> RequestLimits {
        requestLimits ?? RequestLimits(configuration)
    }

    /// `dispatch`, or when it is nil the settings `configuration` makes.
    func dispatchSettings(_ configuration: ServerConfiguration) -> DispatchSettings {
        dispatch ?? configuration.dispatchSettings(logger: logger)
    }
}
