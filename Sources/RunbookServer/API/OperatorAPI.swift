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
/// retracts and reloads the configuration (`POST /-/reload`). Roles are checked by `RoleMiddleware` on each controller's route groups. Documented in `openapi.yaml`.
///
/// Tokens live in the store, so a server without one registers no controller: every path of the API answers 503
/// `store_unavailable` instead.
///
/// ```swift
/// OperatorAPI(configuration: configuration, dependencies: dependencies).addRoutes(to: router)
/// ```
public struct OperatorAPI: Sendable {
    /// The controllers over a store; nil without one.
    let controllers: Controllers?

    struct Controllers: Sendable {
        let incidents: IncidentsController
        let runbooks: RunbooksController
        let coverage: CoverageController
        let deliveries: DeliveriesController
        let silences: SilencesController
        let bindings: BindingsController
        let reload: ConfigurationReloadController
    }

    /// The paths every controller serves under, for the 503 answers of a server without a store.
    static let prefixes = [
        "api/v1/incidents", "api/v1/alerts", "api/v1/runbooks", "api/v1/coverage", "api/v1/deliveries",
        "api/v1/silences", "api/v1/bindings", "-/reload",
    ]

    /// The API over the dependencies' store and library; the server's clock (`dependencies.now`) stamps
    /// operators' actions, retries and silences.
    ///
    /// The library reloads through `dependencies.reloadLibrary`, else through the `LibraryWatcher` among the
    /// dependencies' services.
    public init(configuration: ServerConfiguration, dependencies: ServerDependencies) {
        controllers = dependencies.store.map { store in
            Controllers(store: store, configuration: configuration, dependencies: dependencies)
        }
    }

    /// Registers every route of the API, or the 503 answers of a server without a store.
    public func addRoutes(to router: Router<RunbookRequestContext>) {
        guard let controllers else {
            Self.addStoreUnavailableRoutes(to: router)
            return
        }
        controllers.incidents.addRoutes(to: router)
        controllers.runbooks.addRoutes(to: router)
        controllers.coverage.addRoutes(to: router)
        controllers.deliveries.addRoutes(to: router)
        controllers.silences.addRoutes(to: router)
        controllers.bindings.addRoutes(to: router)
        controllers.reload.addRoutes(to: router)
    }

    /// Answers every method on every path of the API with 503 `store_unavailable`.
    static func addStoreUnavailableRoutes(to router: Router<RunbookRequestContext>) {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for prefix in prefixes {
            for path in [prefix, prefix + "/**"] {
                for method in methods {
                    router.on(RouterPath(path), method: method) { _, _ -> Response in
                        throw APIError.storeUnavailable()
                    }
                }
            }
        }
    }
}

extension OperatorAPI.Controllers {
    init(store: any Store, configuration: ServerConfiguration, dependencies: ServerDependencies) {
        let authenticator = OperatorAuthenticator(tokens: store)
        let limits = dependencies.limits(configuration)
        incidents = IncidentsController(
            store: store, library: dependencies.library, authenticator: authenticator,
            bodyLimit: configuration.maxRequestBody, limits: limits, now: dependencies.now,
            dispatcherSignal: dependencies.dispatcherSignal
        )
        let watcher = dependencies.services.lazy.compactMap { $0 as? any LibraryReloading }.first
        runbooks = RunbooksController(
            library: dependencies.library,
            reload: dependencies.reloadLibrary ?? watcher.map { watcher in { @Sendable in try watcher.reload() } },
            authenticator: authenticator
        )
        coverage = CoverageController(
            store: store, authenticator: authenticator, limits: limits
        )
        deliveries = DeliveriesController(
            outbox: store, authenticator: authenticator,
            bodyLimit: configuration.maxRequestBody, now: dependencies.now
        )
        silences = SilencesController(
            store: store, authenticator: authenticator,
            bodyLimit: configuration.maxRequestBody, limits: limits, now: dependencies.now
        )
        bindings = BindingsController(store: store, library: dependencies.library, authenticator: authenticator)
        reload = ConfigurationReloadController(
            reloader: dependencies.services.lazy.compactMap { ($0 as? ConfigurationReloadService)?.reloader }.first,
            authenticator: authenticator)
    }
}
