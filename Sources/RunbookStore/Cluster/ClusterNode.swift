import Foundation

/// The name a node goes by in what it records for the cluster (who ran a job, who announced a reload).
public enum ClusterNode {
    /// This process: its host name and process id, as `db-2.internal:4312`.
    public static let local = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
}
