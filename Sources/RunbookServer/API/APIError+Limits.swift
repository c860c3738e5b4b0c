import Foundation
import Hummingbird

extension APIError {
    /// 422 `limit_exceeded`: the request is well-formed but over one of the limits in `docs/CONFIGURATION.md`.
    ///
    /// `detail` names the setting (`limits.alerts_per_request`), its value and what was found; `field` is the input
    /// at fault. Nothing is stored.
    static func overLimit(_ detail: String, field: String?) -> APIError {
        APIError(status: .unprocessableContent, code: "limit_exceeded", detail: detail, field: field)
    }
}
