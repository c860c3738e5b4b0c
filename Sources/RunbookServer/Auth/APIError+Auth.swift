import Hummingbird

extension APIError {
    /// 403: a valid token whose role does not allow this.
    public static func forbidden(_ detail: String) -> APIError {
        APIError(status: .forbidden, code: "forbidden", detail: detail)
    }

    /// 503: the server runs without a database, so nothing that needs one can be served.
    public static func storeUnavailable() -> APIError {
        APIError(
            status: .serviceUnavailable, code: "store_unavailable",
            detail: "this server runs without a database; start it with one (setting data)"
        )
    }
}
