import Hummingbird
import Logging

/// Logs one `request.summary` line per request: method, redacted path, path template, status, duration, client.
///
/// Secrets never reach the log (see `Redaction`); at `debug` the redacted headers are logged too. Requests to
/// the heartbeat and metrics endpoints carry `"trivial": true` so that log pipelines can drop them.
public struct RequestLoggingMiddleware: RouterMiddleware {
    public typealias Context = RunbookRequestContext

    /// Paths whose requests are marked trivial.
    let trivialPaths: Set<String>

    /// A middleware marking requests to `trivialPaths` as trivial.
    public init(trivialPaths: Set<String> = ["/__heartbeat__", "/__lbheartbeat__", "/metrics"]) {
        self.trivialPaths = trivialPaths
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status.code, started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context: context, status: status, started: started)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, started: ContinuousClock.Instant) {
        // The line's fields cost more to gather than the request they describe when nobody reads them.
        guard context.logger.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
        let summary = RequestSummary(
            method: request.method.rawValue, path: Redaction.redactedPath(request.uri.description),
            pathTemplate: context.pathTemplate, status: status,
            durationMilliseconds: (milliseconds * 1_000).rounded() / 1_000,
            trivial: trivialPaths.contains(request.uri.path), client: context.client,
            userAgent: request.headers[.userAgent],
            headers: context.logger.logLevel <= .debug ? Redaction.redactedHeaders(request.headers) : nil
        )
        if let handler = context.logger.handler as? RunbookLogHandler, handler.format == .json {
            handler.write(summary)
        } else {
            context.logger.info("request.summary", metadata: summary.metadata)
        }
    }
}
