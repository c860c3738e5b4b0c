import Foundation
import Logging
import RunbookStore
import ServiceLifecycle

/// Audits the bindings against every library revision the server loads: at start, then after each reload.
///
/// Nodes sharing one store load the same revision at about the same time; one of them audits it
/// (`JobCoordination`, a job per revision), so the stale bindings are logged once for the cluster, not once a node.
struct BindingAuditService: Service {
    /// How long a revision's audit counts as done for the other nodes.
    static let revisionPeriod: TimeInterval = 86_400

    let audit: BindingAudit
    let library: LibraryHolder

    func run() async throws {
        let updates = library.updates()
        if let current = library.current {
            await auditLogging(current)
        }
        await cancelWhenGracefulShutdown {
            for await snapshot in updates {
                await auditLogging(snapshot)
            }
        }
    }

    private func auditLogging(_ snapshot: LibrarySnapshot) async {
        guard await PeriodicJobs.mayRun(
            "bindings.audit." + snapshot.revision, period: Self.revisionPeriod, now: Date(), store: audit.store,
            logger: audit.logger)
        else { return }
        do {
            try await audit.audit(snapshot)
        } catch {
            audit.logger.error("binding.audit_failed", metadata: ["error": .string(String(describing: error))])
        }
    }
}
