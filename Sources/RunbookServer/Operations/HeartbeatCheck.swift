/// One thing `/__heartbeat__` checks: the database can be written and read, the library index is loaded…
///
/// A check returns a short detail when healthy and throws when not; the error's description is shown.
///
/// ```swift
/// struct DiskCheck: HeartbeatCheck {
///     let name = "disk"
///     func check() async throws -> String { "ok" }
/// }
/// ```
public protocol HeartbeatCheck: Sendable {
    /// The key the check's result is reported under.
    var name: String { get }
    /// Runs the check; returns a detail when healthy, throws when not.
    func check() async throws -> String
}
