import Logging
import ServiceLifecycle

/// Audits the bindings against every library revision the server loads: at start, then after each reload.
struct BindingAuditService: Service {
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
        do {
            try await audit.audit(snapshot)
        } catch {
            audit.logger.error("binding.audit_failed", metadata: ["error": .string(String(describing: error))])
        }
    }
}
