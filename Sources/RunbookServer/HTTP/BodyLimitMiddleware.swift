import Hummingbird

/// Refuses, with a JSON 413, a request whose `Content-Length` is over the configured limit, before reading it.
///
/// A chunked body has no length up front: handlers read bodies with `collect(upTo:)` and the same limit, which
/// throws the same 413.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = RunbookRequestContext

    let limit: Int

    /// A middleware refusing bodies over `limit` bytes.
    public init(limit: Int) {
        self.limit = limit
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.payloadTooLarge(limit: limit)
        }
        return try await next(request, context)
    }
}
