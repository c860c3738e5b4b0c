import CoreMetrics
import Hummingbird

/// Counts requests by method, path template and status family, and times them.
///
/// Exports `http_requests_total{method, path_template, status}` (status `2xx`…`5xx`) and the histogram
/// `http_request_duration_seconds{method, path_template}`. Unmatched paths count as `unmatched`, never as the raw
/// path, so label values stay few.
public struct HTTPMetricsMiddleware: RouterMiddleware {
    public typealias Context = RunbookRequestContext

    let factory: any MetricsFactory
    private let handles = MetricHandles<SeriesKey, (requests: Counter, duration: Timer)>()
    private static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// A middleware recording through `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, elapsed: ContinuousClock.now - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, context: context, status: status, elapsed: ContinuousClock.now - started)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, elapsed: Duration) {
        let method = Self.methods.contains(request.method.rawValue) ? request.method.rawValue : "OTHER"
        let template = context.pathTemplate
        let family = status / 100
        let series = handles.handle(SeriesKey(method: method, template: template, family: family)) {
            (Counter(
                label: "http_requests_total",
                dimensions: [("method", method), ("path_template", template), ("status", "\(family)xx")],
                factory: factory
            ), Timer(
                label: "http_request_duration_seconds",
                dimensions: [("method", method), ("path_template", template)],
                factory: factory
            ))
        }
        series.requests.increment()
        series.duration.recordNanoseconds(Int64(elapsed.components.seconds) * 1_000_000_000
            + elapsed.components.attoseconds / 1_000_000_000)
    }

    /// The labels of one request's series.
    private struct SeriesKey: Hashable, Sendable {
        var method: String
        var template: String
        var family: Int
    }
}
