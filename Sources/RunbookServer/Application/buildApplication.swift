import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// Builds the Runbook HTTP application: middleware, operational endpoints and, later, the API.
///
/// The application is a `Service`; run it with `runServer(_:configuration:logger:)` for signal handling, or
/// inside a test's own `ServiceGroup`.
///
/// ```swift
/// let app = buildApplication(configuration: ServerConfiguration(), dependencies: ServerDependencies())
/// try await runServer(app, configuration: ServerConfiguration(), logger: logger)
/// ```
public func buildApplication(
    configuration: ServerConfiguration, dependencies: ServerDependencies
) -> some ApplicationProtocol {
    let dependencies = dependencies.withReloadables(configuration)
    let router = buildRouter(configuration: configuration, dependencies: dependencies)
    return Application(
        router: router,
        server: RunbookHTTPChannel.builder(
            limits: configuration.limits, logger: dependencies.logger, factory: dependencies.metrics.factory
        ),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.listen.host, port: configuration.listen.port),
            serverName: "Runbook",
            availableConnectionsDelegate: MaximumAvailableConnections(
                configuration.limits.maxConnections, logger: dependencies.logger
            )
        ),
        services: dependencies.services
            + RetentionService.scheduled(
                configuration: configuration, store: dependencies.store, logger: dependencies.logger)
            + notificationServices(configuration: configuration, dependencies: dependencies)
            + bindingServices(dependencies: dependencies)
            + clusterServices(dependencies: dependencies)
            + databaseMetricsServices(dependencies: dependencies),
        onServerRunning: dependencies.onServerRunning,
        logger: dependencies.logger
    )
}

/// The router with every middleware and route; split out so that tests can drive it without a socket.
public func buildRouter(
    configuration: ServerConfiguration, dependencies: ServerDependencies
) -> Router<RunbookRequestContext> {
    let dependencies = dependencies.withReloadables(configuration)
    let router = Router(context: RunbookRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLoggingMiddleware())
    router.add(middleware: HTTPMetricsMiddleware(factory: dependencies.metrics.factory))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: LoadSheddingMiddleware(
        limit: configuration.limits.maxInFlight, factory: dependencies.metrics.factory
    ))
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maxRequestBody))
    let checks: [any HeartbeatCheck] = [LibraryHeartbeatCheck(holder: dependencies.library)]
        + notificationHeartbeatChecks(configuration: configuration, dependencies: dependencies)
        + (dependencies.store.map { [BindingsHeartbeatCheck(store: $0, library: dependencies.library)] } ?? [])
    let heartbeat = Heartbeat(
        checks: checks + dependencies.heartbeatChecks, timeout: configuration.limits.heartbeatTimeout,
        interval: configuration.limits.heartbeatInterval
    )
    let openIncidents = dependencies.store.map { store in
        OpenIncidentGauge(
            count: { try await store.openIncidentCount() },
            metrics: RunbookMetrics(factory: dependencies.metrics.factory), logger: dependencies.logger)
    }
    OperationsController(
        version: dependencies.version, heartbeat: heartbeat, metrics: dependencies.metrics,
        openIncidents: openIncidents
    ).addRoutes(to: router)
    if let store = dependencies.store {
        IngestController(store: store, configuration: configuration, dependencies: dependencies).addRoutes(to: router)
    }
    OperatorAPI(configuration: configuration, dependencies: dependencies).addRoutes(to: router)
    Console(configuration: configuration, dependencies: dependencies)?.addRoutes(to: router)
    router.addMethodNotAllowedResponders()
    return router
}

/// The bindings audit, which logs stale bindings at start and after each library reload, when there is a store.
func bindingServices(dependencies: ServerDependencies) -> [any Service] {
    guard let store = dependencies.store else { return [] }
    return [BindingAuditService(
        audit: BindingAudit(store: store, logger: dependencies.logger), library: dependencies.library)]
}
