import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import RunbookStore

/// Turns every error a route throws into a JSON error response (see `APIError`), so that no client ever gets
/// Hummingbird's empty body or a stack of Swift error text.
///
/// Client faults keep their 4xx status; a store that cannot take the write (full disk, writer queue full) is a
/// 503 with `Retry-After`; a client that went away mid-request is logged as `request.client_aborted` with
/// status 499, never as a server fault; anything else is logged with its details and answered as a 500 that
/// gives none.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = RunbookRequestContext

    /// The middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw Self.apiError(status: error.status, message: error.body, headers: error.headers, request: request)
        } catch let error as any HTTPResponseError {
            throw Self.apiError(status: error.status, message: nil, headers: [:], request: request)
        } catch let error as DecodingError {
            throw APIError.badRequest(Self.describe(error).detail, field: Self.describe(error).field)
        } catch let error as HTTPParserError where error != .invalidEOFState {
            throw APIError.badRequest(ConnectionWatch.describe(error))
        } catch where Self.isClientAbort(error) {
            context.logger.info("request.client_aborted", metadata: ["error": .string(String(describing: error))])
            throw APIError.clientClosedRequest()
        } catch {
            if let unavailable = StoreUnavailable(classifying: error) {
                switch unavailable.reason {
                case .full:
                    context.logger.error("store.full", metadata: ["error": .string(String(reflecting: error))])
                    throw APIError.storageFull()
                case .unreachable(let detail):
                    context.logger.error("store.unreachable", metadata: ["error": .string(detail)])
                    throw APIError.databaseUnavailable()
                case .overloaded(let limit):
                    context.logger.warning("store.overloaded", metadata: ["http.max_queued_writes": "\(limit)"])
                    throw APIError.overloaded(
                        "\(limit) writes already wait for the database (setting http.max_queued_writes); retry shortly"
                    )
                }
            }
            context.logger.error("request.failed", metadata: ["error": .string(String(reflecting: error))])
            throw APIError.internalError()
        }
    }

    /// Whether `error` means the client closed the connection before its request was read.
    static func isClientAbort(_ error: any Error) -> Bool {
        switch error {
        case let error as HTTPParserError: error == .invalidEOFState
        case let error as ChannelError: [.ioOnClosedChannel, .eof, .inputClosed, .alreadyClosed].contains(error)
        case let error as IOError: [ECONNRESET, EPIPE].contains(error.errnoCode)
        default: false
        }
    }

    /// The JSON error for a status Hummingbird or NIO chose (404 for no route, 413 from `collect(upTo:)`…).
    static func apiError(
        status: HTTPResponse.Status, message: String?, headers: HTTPFields, request: Request
    ) -> APIError {
        switch status {
        case .notFound:
            return .notFound(message ?? "nothing at \(request.method.rawValue) \(request.uri.path)")
        case .contentTooLarge:
            return APIError(status: .contentTooLarge, code: "payload_too_large",
                            detail: message ?? "the request body is over the size limit (setting http.max_body)")
        default:
            let code = status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            return APIError(status: status, code: code.isEmpty ? "error" : code,
                            detail: message ?? status.reasonPhrase, headers: headers)
        }
    }

    /// The human-readable reason and the JSON path of a decoding failure (`alerts[0].labels`).
    static func describe(_ error: DecodingError) -> (detail: String, field: String?) {
        func path(_ codingPath: [any CodingKey]) -> String? {
            guard !codingPath.isEmpty else { return nil }
            return codingPath.reduce(into: "") { path, key in
                if let index = key.intValue {
                    path += "[\(index)]"
                } else {
                    path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return ("missing field `\(key.stringValue)`", path(context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            return ("expected \(type) at this field", path(context.codingPath))
        case .valueNotFound(let type, let context):
            return ("expected \(type), found null", path(context.codingPath))
        case .dataCorrupted(let context):
            return ("the body is not valid JSON: \(context.debugDescription)", path(context.codingPath))
        @unknown default:
            return ("the body could not be decoded", nil)
        }
    }
}
