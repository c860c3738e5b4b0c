import Foundation
import Logging

extension JobCoordination {
    /// Whether this node runs `job` now, as `claimJobRun` answers; a store that cannot answer counts as no, logged
    /// as `job.claim_failed`, and the job is asked again at its next period.
    ///
    /// A job skipped because another node ran it is logged at debug level only: it happens once per period on every
    /// node but one.
    public func mayRun(
        _ job: String, period: TimeInterval, now: Date, node: String = ClusterNode.local, logger: Logger
    ) async -> Bool {
        do {
            let claimed = try await claimJobRun(job, period: period, now: now, node: node)
            if !claimed {
                logger.debug("job.skipped", metadata: ["job.name": .string(job), "job.reason": "ran on another node"])
            }
            return claimed
        } catch {
            logger.error("job.claim_failed", metadata: [
                "job.name": .string(job), "error": .string(String(describing: error)),
            ])
            return false
        }
    }
}

/// How a periodic job asks whether to run when all it holds is a store of some other protocol.
public enum PeriodicJobs {
    /// `store`'s answer when it coordinates jobs (`JobCoordination.mayRun`); yes for a store that does not (a test
    /// double, a single node).
    public static func mayRun(
        _ job: String, period: TimeInterval, now: Date, store: any Sendable, logger: Logger
    ) async -> Bool {
        guard let coordination = store as? any JobCoordination else { return true }
        return await coordination.mayRun(job, period: period, now: now, logger: logger)
    }
}
