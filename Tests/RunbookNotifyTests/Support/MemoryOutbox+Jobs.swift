import Foundation
import RunbookStore

extension MemoryOutbox: JobCoordination {
    /// As PostgreSQL decides: the first to ask once `period` has passed since the last run wins.
    func claimJobRun(_ job: String, period: TimeInterval, now: Date, node: String) async throws -> Bool {
        if let last = jobRuns[job], last > now.addingTimeInterval(-period) {
            return false
        }
        jobRuns[job] = now
        return true
    }
}
