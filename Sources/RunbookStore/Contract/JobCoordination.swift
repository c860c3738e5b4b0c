import Foundation

/// Decides which node runs a periodic job, so that a job runs once per period across every node sharing the store,
/// not once per node.
///
/// Each node's job wakes on its own timer and asks first; the first node to ask after the period has passed since
/// the last run wins and records the run, the others skip until the next period. On SQLite there is one node, which
/// always runs; on PostgreSQL one atomic upsert decides, so two nodes asking at once cannot both win.
///
/// ```swift
/// if try await store.claimJobRun("retention", period: 86_400, now: Date(), node: ClusterNode.local) {
///     try await store.prune(olderThan: cutoff)
/// }
/// ```
public protocol JobCoordination: Sendable {
    /// True when this node runs `job` now (and the run at `now` is recorded for `node`); false when another run of
    /// it was recorded less than `period` seconds before `now`.
    func claimJobRun(_ job: String, period: TimeInterval, now: Date, node: String) async throws -> Bool
}
