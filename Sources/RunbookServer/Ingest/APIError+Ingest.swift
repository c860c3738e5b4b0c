import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

extension APIError {
    /// 401: no secret was presented, or it is not the integration's.
    static func unauthorized(_ detail: String, field: String) -> APIError {
        APIError(status: .unauthorized, code: "unauthorized", detail: detail, field: field,
                 headers: [.wwwAuthenticate: "Bearer"])
    }

    /// 401: a signature is missing, malformed or does not verify.
    static func badSignature(_ detail: String, field: String) -> APIError {
        APIError(status: .unauthorized, code: "bad_signature", detail: detail, field: field)
    }

    /// 400: the body could not be decoded as the path's source; `field` is the JSON path at fault.
    static func invalidPayload(_ error: AlertDecodingError, source: AlertSource) -> APIError {
        APIError(status: .badRequest, code: "invalid_payload",
                 detail: "not a valid \(source.rawValue) payload: \(error.description)", field: error.field ?? "body")
    }

    /// 415: the body is not declared as JSON (SNS's `text/plain` is also accepted for `cloudwatch`).
    static func unsupportedMediaType(_ contentType: String, accepted: String) -> APIError {
        APIError(status: .unsupportedMediaType, code: "unsupported_media_type",
                 detail: "expected \(accepted), got \(contentType)", field: "Content-Type")
    }
}
