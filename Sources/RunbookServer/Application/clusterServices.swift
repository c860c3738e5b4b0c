import RunbookStore
import ServiceLifecycle

/// The service carrying library and configuration reloads to the other nodes, when the store is shared by several
/// (PostgreSQL); none on SQLite, which serves one node.
///
/// It reloads through the same paths as the node's own requests: `dependencies.reloadLibrary` or the
/// `LibraryWatcher` among the services, and the `ConfigurationReloadService`'s reloader.
func clusterServices(dependencies: ServerDependencies) -> [any Service] {
    guard let messaging = dependencies.store as? any ClusterMessaging else { return [] }
    let watcher = dependencies.services.lazy.compactMap { $0 as? any LibraryReloading }.first
    return [ClusterReloadService(
        messaging: messaging, library: dependencies.library,
        reloadLibrary: dependencies.reloadLibrary ?? watcher.map { watcher in { @Sendable in try watcher.reload() } },
        reloader: dependencies.services.lazy.compactMap { ($0 as? ConfigurationReloadService)?.reloader }.first,
        logger: dependencies.logger)]
}

/// The sampler of the shared database's metrics (`DatabaseMetrics`), every 15 seconds, when the store is one
/// (PostgreSQL); none on SQLite.
func databaseMetricsServices(dependencies: ServerDependencies) -> [any Service] {
    guard let database = dependencies.store as? any DatabaseSampling else { return [] }
    return [DatabaseMetricsService(
        database: database, metrics: DatabaseMetrics(factory: dependencies.metrics.factory), interval: .seconds(15),
        logger: dependencies.logger)]
}
