import Foundation
import Hummingbird

/// An error a request ends with, answered as `{"error": "...", "detail": "...", "field": "..."}`.
///
/// `error` is a stable machine-readable code (`not_found`, `payload_too_large`…), `detail` says in words what was
/// wrong and what to do, and `field` names the input at fault when there is one. Client faults are 4xx; only
/// a server fault is a 5xx.
///
/// ```swift
/// throw APIError.badRequest("labels must be an object of strings", field: "alerts[0].labels")
/// ```
public struct APIError: HTTPResponseError, Sendable, Equatable {
    public let status: HTTPResponse.Status
    /// Stable code for scripts.
    public let code: String
    /// What was wrong, for a person.
    public let detail: String
    /// The input at fault (`token`, `alerts[0].labels`), when there is one.
    public let field: String?
    /// Extra response headers, such as `Allow` on a 405.
    public let headers: HTTPFields

    /// An error with every part given.
    public init(
        status: HTTPResponse.Status, code: String, detail: String, field: String? = nil, headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.field = field
        self.headers = headers
    }

    /// The body written for this error.
    public struct Body: Codable, Sendable, Equatable {
        public var error: String
        public var detail: String
        public var field: String?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(error, forKey: .error)
            try container.encode(detail, forKey: .detail)
            try container.encode(field, forKey: .field)
        }
    }

    /// The JSON body.
    public var body: Body {
        Body(error: code, detail: detail, field: field)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data(#"{"error":"internal"}"#.utf8)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    /// 400: the request is malformed; `field` names what.
    public static func badRequest(_ detail: String, field: String? = nil) -> APIError {
        APIError(status: .badRequest, code: "bad_request", detail: detail, field: field)
    }

    /// 404: nothing at this path, or no such object.
    public static func notFound(_ detail: String) -> APIError {
        APIError(status: .notFound, code: "not_found", detail: detail)
    }

    /// 405: the path exists, but not with this method.
    public static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> APIError {
        let names = allowed.map(\.rawValue).sorted()
        return APIError(
            status: .methodNotAllowed, code: "method_not_allowed",
            detail: "\(method.rawValue) is not allowed here; use \(names.joined(separator: " or "))",
            headers: [.allow: names.joined(separator: ", ")]
        )
    }

    /// 413: the body is over the configured limit.
    public static func payloadTooLarge(limit: Int) -> APIError {
        APIError(
            status: .contentTooLarge, code: "payload_too_large",
            detail: "the request body is over the limit of \(ByteSize.format(limit)) (setting http.max_body)"
        )
    }

    /// 500: a fault of the server; the detail says no more than that, the log has the rest.
    public static func internalError() -> APIError {
        APIError(
            status: .internalServerError, code: "internal",
            detail: "the server failed to handle the request; its log has the details"
        )
    }
}

extension APIError {
    /// 503 `overloaded` with `Retry-After: 1`: the server sheds load; the request was not handled.
    public static func overloaded(_ detail: String) -> APIError {
        APIError(status: .serviceUnavailable, code: "overloaded", detail: detail, headers: [.retryAfter: "1"])
    }

    /// 503 `storage_full` with `Retry-After: 30`: the disk holding the database is full; nothing was stored.
    public static func storageFull() -> APIError {
        APIError(
            status: .serviceUnavailable, code: "storage_full",
            detail: "the disk holding the database is full; nothing was stored. Retry once an operator frees space",
            headers: [.retryAfter: "30"]
        )
    }

    /// 503 `database_unavailable` with `Retry-After: 5`: the database cannot be reached; nothing was stored.
    ///
    /// Where and why is logged (`store.unreachable`), not told to the client.
    public static func databaseUnavailable() -> APIError {
        APIError(
            status: .serviceUnavailable, code: "database_unavailable",
            detail: "the database cannot be reached; nothing was stored. Retry shortly",
            headers: [.retryAfter: "5"]
        )
    }

    /// 499 `client_closed_request`: the client went away before its request was read; nobody reads the answer.
    public static func clientClosedRequest() -> APIError {
        APIError(
            status: HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"),
            code: "client_closed_request", detail: "the client closed the connection before sending the whole request"
        )
    }
}
