import CoreMetrics
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// Answers 503 with `Retry-After` at once when `limit` requests are already being handled, so that a flood
/// queues nowhere: a client is told to come back instead of waiting on a server that cannot keep up.
///
/// `/__lbheartbeat__` and `/metrics` are never shed, so that a load balancer and Prometheus still see the node.
public struct LoadSheddingMiddleware: RouterMiddleware {
    public typealias Context = RunbookRequestContext

    private let limit: Int
    private let inFlight = NIOLockedValueBox(0)
    private let shed: Counter
    private static let exempt: Set<String> = ["/__lbheartbeat__", "/metrics"]

    /// A middleware letting at most `limit` requests in at once, counting rejections through `factory`.
    public init(limit: Int, factory: any MetricsFactory) {
        self.limit = max(1, limit)
        shed = Counter(label: "runbook_http_requests_shed_total", dimensions: [], factory: factory)
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard !Self.exempt.contains(request.uri.path) else { return try await next(request, context) }
        let limit = limit
        let admitted = inFlight.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else {
            shed.increment()
            context.logger.warning("request.shed", metadata: ["http.max_in_flight": .stringConvertible(limit)])
            throw APIError.overloaded(
                "the server is handling \(limit) requests already (setting http.max_in_flight); retry shortly"
            )
        }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await next(request, context)
    }
}
