import Foundation
import Hummingbird
import Logging
import RunbookCore
import RunbookNotify
import RunbookStore

/// The web console: HTML pages rendered on the server for the person on call.
///
/// Pages are `/` (the incidents list), `/incidents/{id}`, `/runbooks`, `/runbooks/<file>` (anchors equal entry
/// ids, so the links Runbook puts in messages open here), `/coverage` and `/deliveries`. A person signs in with an
/// API token or a local user (`runbook users add`); a session cookie carries them. Every state-changing form
/// carries the session's CSRF token, and every response a strict Content-Security-Policy.
///
/// ```swift
/// Console(configuration: configuration, dependencies: dependencies)?.addRoutes(to: router)
/// ```
struct Console: Sendable {
    let store: any Store
    let users: (any ConsoleUserStore)?
    let library: LibraryHolder
    let sessions: ConsoleSessions
    let pages: ConsolePages
    let now: @Sendable () -> Date
    let dispatcherSignal: DispatcherSignal
    let bodyLimit: Int
    /// `limits.filters_per_query` and `coverage_threshold`, read per request.
    let limits: RequestLimits
    /// True when the console is reached over TLS (public or console URL `https://`): cookies get `Secure`.
    let secureCookies: Bool
    /// Checks the one-click acknowledge links of messages; nil when the server sends none.
    let acknowledgeLinks: AcknowledgeLinks?
    /// Sign-in by a trusted authenticating proxy's user-name header; off unless configured.
    let proxySignIn: ProxySignIn
    let logger: Logger

    /// The console over the dependencies' store; nil without a store, since every page reads it.
    init?(configuration: ServerConfiguration, dependencies: ServerDependencies) {
        guard let store = dependencies.store else { return nil }
        self.store = store
        users = store as? any ConsoleUserStore
        library = dependencies.library
        sessions = ConsoleSessions(store: store as? any ConsoleSessionStore)
        pages = ConsolePages()
        now = dependencies.now
        dispatcherSignal = dependencies.dispatcherSignal
        bodyLimit = configuration.maxRequestBody
        limits = dependencies.limits(configuration)
        let urls = [configuration.publicBaseURL, configuration.notifications.consoleURL?.absoluteString]
        secureCookies = urls.contains { $0?.lowercased().hasPrefix("https://") == true }
        // `buildRouter` makes the dispatcher's settings first, so that the link key is read once for both.
        acknowledgeLinks = dependencies.dispatchSettings(configuration).settings.acknowledgeLinks
        proxySignIn = configuration.proxySignIn
        logger = dependencies.logger
    }

    /// Registers every console route, behind the security-headers middleware.
    func addRoutes(to router: Router<RunbookRequestContext>) {
        let group = router.group().add(middleware: ConsoleHeadersMiddleware())
        group.get("console/style.css") { _, _ in ConsoleAssets.response(ConsoleAssets.stylesheet, type: "text/css") }
        group.get("console/console.js") { _, _ in
            ConsoleAssets.response(ConsoleAssets.script, type: "text/javascript")
        }
        group.get("sign-in") { request, _ in try await signInPage(request) }
        group.post("sign-in") { request, context in try await signIn(request, context: context) }
        group.post("sign-out") { request, context in try await signOut(request, context: context) }
        group.get("/") { request, context in try await incidentsPage(request, context: context) }
        group.get("incidents") { request, context in try await incidentsPage(request, context: context) }
        group.get("incidents/{id}") { request, context in try await incidentPage(request, context: context) }
        for action in IncidentAction.allCases {
            group.post("incidents/{id}/\(action.rawValue)") { request, context in
                try await act(action, request: request, context: context)
            }
        }
        group.get("incidents/{id}/ack-link") { request, context in
            try await acknowledgeLinkPage(request, context: context)
        }
        group.post("incidents/{id}/ack-link") { request, context in
            try await acknowledgeByLink(request, context: context)
        }
        group.get("runbooks") { request, context in try await runbooksPage(request, context: context) }
        group.get("runbooks/**") { request, context in try await documentPage(request, context: context) }
        group.get("coverage") { request, context in try await coveragePage(request, context: context) }
        group.get("deliveries") { request, context in try await deliveriesPage(request, context: context) }
        group.post("deliveries/{id}/retry") { request, context in try await retry(request, context: context) }
    }

    /// The first path components of the console's pages; the JSON API (`openapi.yaml`) lives apart, under `/api/`.
    static let firstPathComponents: Set<String> = [
        "", "console", "sign-in", "sign-out", "incidents", "runbooks", "coverage", "deliveries",
    ]

    /// True for a route path of the console (`/incidents/{id}`), which `openapi.yaml` does not describe.
    static func isConsolePath(_ path: String) -> Bool {
        let first = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first ?? ""
        return firstPathComponents.contains(String(first))
    }

    /// The console's incident actions, each a POST form.
    enum IncidentAction: String, CaseIterable, Sendable {
        case acknowledge, note, resolve, reopen, entry
    }
}
