import Foundation
import Hummingbird

/// The operational endpoints: `/__version__`, `/__lbheartbeat__`, `/__heartbeat__` and `/metrics`.
struct OperationsController: Sendable {
    let version: VersionInfo
    let heartbeat: Heartbeat
    let metrics: MetricsExporter
    /// Counted before each scrape; nil without a store.
    let openIncidents: OpenIncidentGauge?

    func addRoutes(to router: Router<RunbookRequestContext>) {
        router.get("/__version__") { _, _ in
            try APIResponse.json(version, encoder: APIResponse.plainEncoder())
        }
        router.get("/__lbheartbeat__") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: .init(string: "{}"))
            )
        }
        router.get("/__heartbeat__") { _, _ in
            let report = await heartbeat.run()
            return try APIResponse.json(
                report, status: report.healthy ? .ok : .serviceUnavailable, encoder: APIResponse.plainEncoder())
        }
        router.get("/metrics") { _, _ in
            await openIncidents?.update()
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.render()))
            )
        }
    }
}
