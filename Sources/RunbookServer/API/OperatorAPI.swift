import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

/// The operators' JSON API under `/api/v1` (ingestion aside): incidents, retraction, runbooks, coverage, the
/// notification outbox and silences.
///
/// Every route takes an API token (`Authorization: Bearer`): viewer reads; operator also acknowledges, notes,
/// resolves, reopens, chooses an incident's entry (binding its key), removes bindings, reloads the library, retries
/// dead deliveries and adds or expires silences; admin also
/// retracts. Documented in `openapi.yaml`.
///
/// ```swift
/// OperatorAPI(configuration: configuration, dependencies: dependencies).addRoutes(to: router)
/// ```
public struct OperatorAPI: Sendable {
    let incidents: IncidentsController
    let runbooks: RunbooksController
    let coverage: CoverageController
    let deliveries: DeliveriesController
    let silences: SilencesController
    let bindings: BindingsController

    /// The API over the dependencies' store and library; the server's clock (`dependencies.now`) stamps
    /// operators' actions, retries and silences.
    ///
    /// The library reloads through `dependencies.reloadLibrary`, else through the `LibraryWatcher` among the
    /// dependencies' services.
    public init(configuration: ServerConfiguration, dependencies: ServerDependencies) {
        let authenticator = OperatorAuthenticator(tokens: dependencies.store)
        incidents = IncidentsController(
            store: dependencies.store, library: dependencies.library, authenticator: authenticator,
            bodyLimit: configuration.maxRequestBody, maxFilters: configuration.maxQueryFilters, now: dependencies.now,
            dispatcherSignal: dependencies.dispatcherSignal
        )
        let watcher = dependencies.services.lazy.compactMap { $0 as? any LibraryReloading }.first
        runbooks = RunbooksController(
            library: dependencies.library,
            reload: dependencies.reloadLibrary ?? watcher.map { watcher in { @Sendable in try watcher.reload() } },
            authenticator: authenticator
        )
        coverage = CoverageController(
            store: dependencies.store, authenticator: authenticator, threshold: configuration.coverageThreshold
        )
        deliveries = DeliveriesController(
            outbox: dependencies.store, authenticator: authenticator,
            bodyLimit: configuration.maxRequestBody, now: dependencies.now
        )
        silences = SilencesController(
            silences: dependencies.store, authenticator: authenticator,
            bodyLimit: configuration.maxRequestBody, maxLength: configuration.maxSilenceLength, now: dependencies.now
        )
        bindings = BindingsController(
            store: dependencies.store, library: dependencies.library, authenticator: authenticator
        )
    }

    /// Registers every route of the API.
    public func addRoutes(to router: Router<RunbookRequestContext>) {
        incidents.addRoutes(to: router)
        runbooks.addRoutes(to: router)
        coverage.addRoutes(to: router)
        deliveries.addRoutes(to: router)
        silences.addRoutes(to: router)
        bindings.addRoutes(to: router)
    }
}
