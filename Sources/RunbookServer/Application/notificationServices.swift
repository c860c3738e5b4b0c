import AsyncHTTPClient
import Logging
import RunbookNotify
import RunbookStore
import ServiceLifecycle

/// The notification dispatcher, when `notifications:` configures a channel and the server has a store.
///
/// It runs with the server's other services, wakes on `dependencies.dispatcherSignal`, reads the library the
/// server serves and keeps the server's time (`dependencies.now`).
public func notificationServices(
    configuration: ServerConfiguration, dependencies: ServerDependencies
) -> [any Service] {
    guard configuration.notifications.isEnabled, let store = dependencies.store else { return [] }
    return [dispatcher(store: store, configuration: configuration, dependencies: dependencies)]
}

/// `/__heartbeat__`'s outbox check, when notifications are on: fails once a due delivery waits too long.
public func notificationHeartbeatChecks(
    configuration: ServerConfiguration, dependencies: ServerDependencies
) -> [any HeartbeatCheck] {
    guard configuration.notifications.isEnabled, let store = dependencies.store else { return [] }
    return [OutboxHeartbeatCheck(
        outbox: store, maxDueAge: configuration.notifications.maxDueAge, now: dependencies.now
    )]
}

extension ServerConfiguration {
    /// The dispatcher's channels (over the shared HTTP client) and settings, with the acknowledge-link signer
    /// (whose key this reads from the data folder).
    public func dispatchSettings(logger: Logger) -> DispatchSettings {
        var settings = notifications
        settings.acknowledgeLinks = acknowledgeLinks(logger: logger)
        return DispatchSettings(settings, client: .shared)
    }
}

private func dispatcher(
    store: some Store, configuration: ServerConfiguration, dependencies: ServerDependencies
) -> any Service {
    Dispatcher(
        store: store, dispatch: dependencies.dispatchSettings(configuration), library: dependencies.library,
        signal: dependencies.dispatcherSignal, clock: SystemDispatcherClock(now: dependencies.now),
        metrics: NotifyMetrics(factory: dependencies.metrics.factory), logger: dependencies.logger
    )
}
