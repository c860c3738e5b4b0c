import Foundation

extension SQLiteStore: JobCoordination {
    /// Always true: a SQLite database serves one `runbook serve`, so there is no other node to leave a job to. The
    /// job's own timer spaces its runs.
    public func claimJobRun(_ job: String, period: TimeInterval, now: Date, node: String) async throws -> Bool {
        true
    }
}
