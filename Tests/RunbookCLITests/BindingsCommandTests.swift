import Foundation
import RunbookCore
import RunbookStore
import Testing

/// `runbook bindings list|remove` and `runbook lint --data` over a temporary data folder.
struct BindingsCommandTests {
    static let start = Date(timeIntervalSince1970: 1_796_117_400)

    /// A data folder whose database binds `DiskUsageWarning checkout-worker` to `entryID`.
    private static func withBinding(to entryID: String?, _ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-bind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path)
        let alert = Alert(source: .alertmanager, labels: ["alertname": "DiskUsageWarning", "app": "checkout-worker"],
                          title: "DiskUsageWarning", dedupKey: "fp1")
        let request = IngestRequest(
            source: .alertmanager, integration: "am", receivedAt: start, contentType: "application/json",
            payload: Data("{}".utf8),
            alerts: [IngestAlert(alert: alert, key: "DiskUsageWarning checkout-worker", matches: [])])
        let id = try await store.ingest(request).incidentIDs[0]
        _ = try await store.chooseEntry(incidentID: id, entryID: entryID, note: "tested", by: "ana", at: start)
        try await store.close()
        try await body(folder.path)
    }

    @Test
    func bindingsAreListedAndRemoved() async throws {
        try await Self.withBinding(to: "oncall.md#diskusagewarning-checkout-worker") { data in
            let listed = try await CLIRunner.run(["bindings", "list", "--data", data])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout == "DiskUsageWarning checkout-worker\toncall.md#diskusagewarning-checkout-worker\t"
                + "chosen by ana on 2026-12-01\ttested\n")
            let json = try #require(try await CLIRunner.run(["bindings", "list", "--data", data, "--json"]).json()
                as? [[String: Any]])
            #expect(json.first?["key"] as? String == "DiskUsageWarning checkout-worker")
            #expect(json.first?["created_by"] as? String == "ana")

            let removed = try await CLIRunner.run(["bindings", "remove", "DiskUsageWarning checkout-worker", "--data", data])
            #expect(removed.status == 0, "\(removed.stderr)")
            let again = try await CLIRunner.run(["bindings", "remove", "DiskUsageWarning checkout-worker", "--data", data])
            #expect(again.status == 2)
            #expect(again.stderr.contains("no binding for the key 'DiskUsageWarning checkout-worker'"))
            #expect(try await CLIRunner.run(["bindings", "list", "--data", data]).stdout.hasPrefix("No bindings"))
        }
    }

    @Test
    func lintWithTheDataFolderReportsABindingWhoseEntryIsGone() async throws {
        try await Self.withBinding(to: "oncall.md#diskusagewarning-checkout") { data in
            let result = try await CLIRunner.run(["lint", "--format", "json", "--data", data, "examples/runbooks"])
            let report = try #require(try result.json() as? [String: Any])
            let findings = try #require(report["findings"] as? [[String: Any]])
            let stale = findings.filter { $0["rule"] as? String == "stale-binding" }
            #expect(stale.count == 1)
            let message = try #require(stale.first?["message"] as? String)
            #expect(message.contains("'DiskUsageWarning checkout-worker'"))
            #expect(message.contains("oncall.md#diskusagewarning-checkout-worker"))
            #expect(stale.first?["file"] as? String == "oncall.md")
        }
    }

    @Test
    func lintWithTheDataFolderIsQuietWhenEveryBoundEntryExists() async throws {
        try await Self.withBinding(to: "oncall.md#diskusagewarning-checkout-worker") { data in
            let result = try await CLIRunner.run(["lint", "--format", "json", "--data", data, "examples/runbooks"])
            #expect(!result.stdout.contains("stale-binding"))
        }
        try await Self.withBinding(to: nil) { data in
            let result = try await CLIRunner.run(["lint", "--format", "json", "--data", data, "examples/runbooks"])
            #expect(!result.stdout.contains("stale-binding"))
        }
    }
}
