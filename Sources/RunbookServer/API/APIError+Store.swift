import Hummingbird
import RunbookCore
import RunbookStore

extension APIError {
    /// 409: the thing's state does not allow the action now; the detail says what to do instead.
    public static func conflict(_ detail: String, field: String? = nil) -> APIError {
        APIError(status: .conflict, code: "conflict", detail: detail, field: field)
    }

    /// 422: the request was understood but its effect failed on the server's own input (a broken runbook file).
    public static func unprocessable(_ detail: String, field: String? = nil) -> APIError {
        APIError(status: .unprocessableContent, code: "unprocessable", detail: detail, field: field)
    }

    /// 503: the runbook library has not loaded yet.
    public static func libraryUnavailable() -> APIError {
        APIError(
            status: .serviceUnavailable, code: "library_unavailable",
            detail: "the runbook library is not loaded yet; see /__heartbeat__ and the server log"
        )
    }

    /// The client error a store or incident error stands for, or nil for a server fault.
    ///
    /// `field` names the input the error is about (`id`, `cursor`, `text`).
    static func from(_ error: any Error, field: String? = nil) -> APIError? {
        if let error = error as? StoreError {
            if error.isNotFound { return .notFound(error.message) }
            if error.isDuplicate || error.isConflict { return .conflict(error.message, field: field) }
            if error.isInvalid { return .badRequest(error.message, field: field) }
        }
        if let error = error as? IncidentError {
            return error.isStateConflict
                ? .conflict(error.description) : .badRequest(error.description, field: field)
        }
        return nil
    }

    /// Runs a store call, turning its client errors into the matching 4xx (`field` names the input at fault).
    static func mapping<Value>(field: String? = nil, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch {
            throw from(error, field: field) ?? error
        }
    }
}
