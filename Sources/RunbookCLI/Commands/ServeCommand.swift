import ArgumentParser
import Foundation
import Logging
import Metrics
import RunbookServer

/// `runbook serve`: receive alerts, keep incidents and serve the runbook library over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Runbook server.",
        discussion: """
            With no flags, serves examples/runbooks on http://127.0.0.1:8080 with its data in ./runbook-data.

            Every setting has a default, a key in the YAML config file (--config or RUNBOOK_CONFIG), an \
            environment variable and a flag; later ones win: defaults < file < RUNBOOK_… variables < flags. \
            `runbook config show` prints the effective settings and where each came from; \
            `runbook config check FILE` validates a file. Stops gracefully on SIGTERM or SIGINT. On SIGHUP it \
            reads the configuration again and puts the new notification channels, routes, retry and dispatcher \
            settings in force; a file that does not load is refused with the reason in the log and the old \
            configuration stays (docs/CONFIGURATION.md lists what reloads, docs/OPERATIONS.md how).

            Examples:
              runbook serve
              runbook serve --runbooks docs/runbooks --runbooks ops/ --listen 0.0.0.0:8080 --data /var/lib/runbook
              RUNBOOK_LOG_FORMAT=json runbook serve --config /etc/runbook.yml
              kill -HUP "$(pidof runbook)"    # reload channels and routes from the config file
            """
    )

    @OptionGroup var options: Options

    func run() async throws {
        // Until the reload service traps it, a SIGHUP must not end the server as its default action would.
        signal(SIGHUP, SIG_IGN)
        let loaded = try options.load()
        let configuration = loaded.configuration
        let format = configuration.logFormat.resolved(standardErrorIsTerminal: isatty(STDERR_FILENO) != 0)
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in RunbookLogHandler(label: label, format: format, level: level) }
        let exporter = MetricsExporter()
        MetricsSystem.bootstrap(exporter.factory)
        let logger = Logger(label: "runbook")
        for warning in loaded.warnings {
            logger.warning(
                "config.warning", metadata: ["config.key": .string(warning.key), "detail": .string(warning.message)])
        }

        let planner = ReloadablePlanner(configuration.notificationPlanner)
        let store = try await configuration.openStore(
            logger: logger, planner: IncidentLogPlanner(planner, logger: logger))
        let options = options
        let dispatch = await configuration.dispatchSettings(logger: logger, sharedBy: store)
        let limits = RequestLimits(configuration)
        let reloader = ConfigurationReloader(
            configuration: configuration, planner: planner, dispatch: dispatch, limits: limits, logger: logger,
            factory: exporter.factory
        ) { try options.load().configuration }
        let holder = LibraryHolder()
        let watcher = LibraryWatcher(
            source: FolderRunbookSource(folders: RunbookFolders(paths: configuration.runbookFolders)),
            holder: holder, interval: configuration.libraryPollInterval, logger: logger,
            metrics: RunbookMetrics(factory: exporter.factory)
        )
        try watcher.reload()

        let environment = ProcessInfo.processInfo.environment
        let versionFile = FileManager.default.contents(atPath: environment["RUNBOOK_VERSION_FILE"] ?? "version.json")
        let dependencies = ServerDependencies(
            logger: logger, metrics: exporter,
            version: VersionInfo.resolve(environment: environment, versionFile: versionFile),
            library: holder, store: store, heartbeatChecks: [StoreHeartbeatCheck(store: store)],
            services: [watcher, ConfigurationReloadService(reloader: reloader)], dispatch: dispatch,
            requestLimits: limits
        )
        logger.info("server.starting", metadata: [
            "listen": .string(configuration.listen.description),
            "public_url": .string(configuration.effectiveBaseURL),
            "data": .string(configuration.dataDirectory),
            "database": .string(configuration.storeDescription),
        ])
        do {
            try await runServer(
                buildApplication(configuration: configuration, dependencies: dependencies),
                configuration: configuration, logger: logger
            )
        } catch {
            try? await store.close()
            throw error
        }
        // In-flight requests are done; pending group commits are flushed before the database closes.
        try await store.close()
        logger.info("server.stopped")
    }
}

extension ServeCommand {
    /// The server's settings as flags, and the config file; shared by `serve` and `config show`.
    struct Options: ParsableArguments {
        @Option(name: .customLong("config"), help: .init("YAML config file (else RUNBOOK_CONFIG).", valueName: "file"))
        var configFile: String?

        @Option(name: .customLong("runbooks"), help: .init("Runbook library folder (repeatable).", valueName: "dir"))
        var runbooks: [String] = []

        @Option(help: .init("Folder for the database and other state [default: ./runbook-data].", valueName: "dir"))
        var data: String?

        @Option(help: .init("Address to listen on [default: 127.0.0.1:8080].", valueName: "host:port"))
        var listen: String?

        @Option(help: .init(
            "PostgreSQL shared by several nodes, e.g. postgres://runbook@db:5432/runbook?sslmode=verify-full "
                + "[default: SQLite in the data folder].",
            valueName: "url"))
        var database: String?

        @Option(
            name: .customLong("database-pool-size"),
            help: .init("Most connections to PostgreSQL per node [default: 20].", valueName: "n"))
        var databasePoolSize: String?

        @Option(name: .customLong("public-url"), help: .init("URL senders reach the server at.", valueName: "url"))
        var publicURL: String?

        @Option(name: .customLong("log-format"), help: "Log format: auto, json or text [default: auto].")
        var logFormat: String?

        @Option(name: .customLong("log-level"), help: "Lowest level logged [default: info].")
        var logLevel: String?

        @Option(name: .customLong("http-max-body"), help: "Largest request body [default: 1MiB].")
        var maxBody: String?

        @Option(name: .customLong("retention-age"), help: "Prune resolved data older than this [default: 90d].")
        var retentionAge: String?

        @Option(name: .customLong("retention-interval"), help: "How often pruning runs [default: 1d].")
        var retentionInterval: String?

        @Option(
            name: .customLong("incidents-auto-resolve"),
            help: "Resolve an incident once all its alerts are resolved [default: true].")
        var autoResolve: String?

        @Option(
            name: .customLong("incidents-reopen-window"),
            help: "Reopen a resolved incident firing again within this [default: 1h].")
        var reopenWindow: String?

        @Option(
            name: .customLong("incidents-match-threshold"),
            help: "Confidence from which a match names an incident's entry [default: 0.5].")
        var matchThreshold: String?

        @Option(
            name: .customLong("library-poll-interval"),
            help: "How often to check the library for changes; 0: never [default: 5s].")
        var pollInterval: String?

        @Option(name: .customLong("sns-auto-confirm"), help: "Confirm SNS subscriptions automatically [default: false]")
        var snsAutoConfirm: String?

        @Option(name: .customLong("shutdown-timeout"), help: "Time in-flight requests get on shutdown [default: 30s].")
        var shutdownTimeout: String?

        @Option(
            name: .customLong("coverage-threshold"),
            help: "Score below which the coverage report counts a key as uncovered [default: the match threshold].")
        var coverageThreshold: String?

        @Option(name: .customLong("limits-alerts-per-request"), help: "Most alerts per request [default: 1000].")
        var alertsPerRequest: String?

        @Option(
            name: .customLong("limits-labels-per-alert"),
            help: "Most labels per alert, after merging common labels [default: 100].")
        var labelsPerAlert: String?

        @Option(name: .customLong("limits-label-name-bytes"), help: "Largest label name [default: 256B].")
        var labelNameBytes: String?

        @Option(name: .customLong("limits-label-value-bytes"), help: "Largest label value [default: 4KiB].")
        var labelValueBytes: String?

        @Option(name: .customLong("limits-annotation-bytes"), help: "Largest annotations of an alert [default: 64KiB].")
        var annotationBytes: String?

        @Option(
            name: .customLong("limits-request-alert-bytes"),
            help: "Largest labels and annotations of a request, after merging [default: 8MiB].")
        var requestAlertBytes: String?

        @Option(name: .customLong("limits-filters-per-query"), help: "Most label.* filters per query [default: 20].")
        var filtersPerQuery: String?

        @Option(name: .customLong("limits-silence-length"), help: "Longest silence granted [default: 90d].")
        var silenceLength: String?

        @Option(
            name: .customLong("notifications-repeat-interval"),
            help: "Notify an unacknowledged incident again after this [default: 4h].")
        var repeatInterval: String?

        @Option(
            name: .customLong("notifications-storm-limit"),
            help: "New incidents a route sends alone per storm window [default: 10].")
        var stormLimit: String?

        @Option(name: .customLong("notifications-storm-window"), help: "Storm-control window [default: 1m].")
        var stormWindow: String?

        @Option(name: .customLong("notifications-retry-first"), help: "Longest first retry wait [default: 1s].")
        var retryFirst: String?

        @Option(name: .customLong("notifications-retry-cap"), help: "Longest wait between retries [default: 1h].")
        var retryCap: String?

        @Option(
            name: .customLong("notifications-retry-give-up"),
            help: "A delivery failing this long is dead [default: 1d].")
        var retryGiveUp: String?

        @Option(
            name: .customLong("notifications-dispatcher-batch-size"),
            help: "Deliveries claimed per dispatcher batch [default: 100].")
        var batchSize: String?

        @Option(
            name: .customLong("notifications-dispatcher-poll-interval"),
            help: "How often the dispatcher looks for due deliveries [default: 1s].")
        var dispatcherPollInterval: String?

        @Option(
            name: .customLong("notifications-dispatcher-lease"),
            help: "How long a claimed delivery stays with its dispatcher [default: 1m].")
        var lease: String?

        @Option(
            name: .customLong("notifications-dispatcher-max-due-age"),
            help: "/__heartbeat__ fails when a due delivery waits longer [default: 5m].")
        var maxDueAge: String?

        @Option(
            name: .customLong("notifications-console-url"),
            help: .init("Base of the incident links in notifications.", valueName: "url"))
        var consoleURL: String?

        @Option(
            name: .customLong("console-proxy-header"),
            help: .init("Header an authenticating proxy names the console user in.", valueName: "name"))
        var proxyHeader: String?

        @Option(
            name: .customLong("console-proxy-trusted"),
            help: .init("Address or CIDR of that proxy (repeatable).", valueName: "cidr"))
        var proxyTrusted: [String] = []

        @Option(
            name: .customLong("console-proxy-default-role"),
            help: .init(
                "Role of a proxy user who is no console user: none, viewer, operator, admin [default: none].",
                valueName: "role"))
        var proxyDefaultRole: String?

        @OptionGroup(title: "HTTP limits") var limits: LimitOptions

        /// The flags given, by setting name.
        var flags: [String: ConfigInput] {
            var flags: [String: ConfigInput] = [:]
            if !runbooks.isEmpty { flags["runbooks"] = .list(runbooks) }
            if !proxyTrusted.isEmpty { flags["console.proxy_trusted"] = .list(proxyTrusted) }
            let scalars: [(String, String?)] = [
                ("data", data), ("database", database), ("database_pool_size", databasePoolSize), ("listen", listen),
                ("public_url", publicURL), ("log.format", logFormat),
                ("log.level", logLevel), ("http.max_body", maxBody), ("retention.age", retentionAge),
                ("retention.interval", retentionInterval), ("incidents.auto_resolve", autoResolve),
                ("incidents.reopen_window", reopenWindow), ("incidents.match_threshold", matchThreshold),
                ("library.poll_interval", pollInterval),
                ("sns.auto_confirm", snsAutoConfirm), ("shutdown.timeout", shutdownTimeout),
                ("coverage_threshold", coverageThreshold),
                ("limits.alerts_per_request", alertsPerRequest), ("limits.labels_per_alert", labelsPerAlert),
                ("limits.label_name_bytes", labelNameBytes), ("limits.label_value_bytes", labelValueBytes),
                ("limits.annotation_bytes", annotationBytes), ("limits.request_alert_bytes", requestAlertBytes),
                ("limits.filters_per_query", filtersPerQuery), ("limits.silence_length", silenceLength),
                ("notifications.repeat_interval", repeatInterval), ("notifications.storm.limit", stormLimit),
                ("notifications.storm.window", stormWindow), ("notifications.retry.first", retryFirst),
                ("notifications.retry.cap", retryCap), ("notifications.retry.give_up", retryGiveUp),
                ("notifications.dispatcher.batch_size", batchSize),
                ("notifications.dispatcher.poll_interval", dispatcherPollInterval),
                ("notifications.dispatcher.lease", lease), ("notifications.dispatcher.max_due_age", maxDueAge),
                ("notifications.console_url", consoleURL), ("console.proxy_header", proxyHeader),
                ("console.proxy_default_role", proxyDefaultRole),
            ]
            for case let (name, value?) in scalars {
                flags[name] = .scalar(value)
            }
            flags.merge(limits.flags) { $1 }
            return flags
        }

        /// Reads the config file and environment and applies the flags; a bad setting is a usage error (exit 2).
        func load() throws -> LoadedConfiguration {
            try ServerOptions.loadConfiguration(file: configFile, flags: flags)
        }
    }
}
