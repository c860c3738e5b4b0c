import Foundation
import RunbookCore
import RunbookServer
import RunbookStore
import Testing

/// The PostgreSQL `scripts/test` starts (`RUNBOOK_TEST_POSTGRES`); the tests that need it are skipped without it,
/// unless `CI` is set.
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment

    static var enabled: Bool {
        !(environment["RUNBOOK_TEST_POSTGRES"] ?? "").isEmpty || !(environment["CI"] ?? "").isEmpty
    }

    /// The test database's URL with a new schema, so that each test starts empty.
    static func databaseURL() throws -> String {
        let base = try #require(environment["RUNBOOK_TEST_POSTGRES"], "CI is set but RUNBOOK_TEST_POSTGRES is not")
        return base + "?sslmode=disable&schema=test_serve_" + UUID().uuidString.lowercased()
            .replacingOccurrences(of: "-", with: "")
    }
}

/// `runbook serve --database postgres://…` and the admin commands' `--database`, each test in a schema of its own.
@Suite(.enabled(if: TestPostgres.enabled, Comment(rawValue: "RUNBOOK_TEST_POSTGRES is not set: run scripts/test")))
struct PostgresServeTests {
    static let alert = """
        {"version":"4","status":"firing","receiver":"runbook","groupKey":"{}:{alertname=\\"DiskUsageWarning\\"}",
         "alerts":[{"status":"firing","labels":{"alertname":"DiskUsageWarning","instance":"pg-node-1"},
         "annotations":{"summary":"disk nearly full"},"startsAt":"2026-12-04T18:00:00Z","fingerprint":"pg-1"}]}
        """

    @Test(.timeLimit(.minutes(3)))
    func serveStoresAlertsInPostgreSQLAndServesThemBack() async throws {
        let url = try TestPostgres.databaseURL()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }

        let added = try await CLIRunner.run(
            ["integrations", "add", "am", "--source", "alertmanager", "--database", url, "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let integration = try #require(try added.json() as? [String: Any])
        let secret = try #require(integration["token"] as? String, "\(added.stdout)")
        let token = try await CLIRunner.run(["tokens", "add", "reader", "--role", "viewer", "--database", url, "--json"])
        #expect(token.status == 0, "\(token.stderr)")
        let bearer = try #require((try token.json() as? [String: Any])?["token"] as? String, "\(token.stdout)")

        let config = data.appendingPathComponent("runbook.yml")
        try "runbooks: [examples/runbooks]\nlog:\n  format: json\n".write(to: config, atomically: true, encoding: .utf8)
        let server = try await ServeProcess.start(
            config: config, port: try ServeProcess.freePort(), log: data.appendingPathComponent("serve.log"),
            arguments: ["--database", url, "--data", data.path])
        defer { server.terminate() }

        let reply = try await server.request(
            "/api/v1/ingest/alertmanager/am", method: "POST", bearer: secret, body: Self.alert)
        #expect(reply.status == 202, "\(String(decoding: reply.body, as: UTF8.self))\n\(server.logText)")
        let ingested = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
        let id = try #require((ingested["incidents"] as? [Int64])?.first)

        let read = try await server.request("/api/v1/incidents/\(id)", bearer: bearer)
        #expect(read.status == 200, "\(String(decoding: read.body, as: UTF8.self))")
        let detail = String(decoding: read.body, as: UTF8.self)
        #expect(detail.contains("pg-node-1"))
        #expect(detail.contains("DiskUsageWarning"))

        let heartbeat = try await server.request("/__heartbeat__")
        #expect(heartbeat.status == 200, "\(String(decoding: heartbeat.body, as: UTF8.self))")
        #expect(server.logText.contains(#""database":"postgres://runbook:[OMITTED]@"#), "\(server.logText)")
        #expect(!server.logText.contains(try #require(URLComponents(string: url)?.password)))
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("runbook.sqlite").path))

        let metrics = String(decoding: try await server.request("/metrics").body, as: UTF8.self)
        for operation in ["ingest_commit", "incident", "lookup", "heartbeat"] {
            let count = Self.value(of: #"runbook_db_query_seconds_count{operation="\#(operation)"}"#, in: metrics)
            #expect((count ?? 0) >= 1, "no \(operation) query timed in:\n\(metrics)")
        }
        #expect(Self.value(of: "runbook_db_pool_max_connections", in: metrics) == 20, "\(metrics)")
        #expect(Self.value(of: #"runbook_db_pool_connections{state="in_use"}"#, in: metrics) != nil, "\(metrics)")
        #expect(Self.value(of: #"runbook_db_pool_connections{state="idle"}"#, in: metrics) != nil, "\(metrics)")
        #expect(Self.value(of: "runbook_db_pool_waiting", in: metrics) == 0, "\(metrics)")
        #expect((Self.value(of: "runbook_db_pool_wait_seconds_count", in: metrics) ?? 0) >= 4, "\(metrics)")
    }

    /// The value of the line for `series` in Prometheus text, if there is one.
    static func value(of series: String, in text: String) -> Double? {
        text.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard line.hasPrefix(series + " ") else { return nil }
            return Double(line.dropFirst(series.count + 1))
        }.first
    }

    @Test
    func aBadDatabaseURLIsRefusedWithWhatIsExpected() async throws {
        let result = try await CLIRunner.run(["serve", "--database", "mysql://runbook@db/runbook", "--listen", "127.0.0.1:1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("database"), "\(result.stderr)")
        #expect(result.stderr.contains("postgres://"), "\(result.stderr)")
    }

    @Test
    func lintWithTheDatabaseReportsABindingWhoseEntryIsGone() async throws {
        let url = try TestPostgres.databaseURL()
        var configuration = ServerConfiguration()
        configuration.database = try PostgresLocation(url: url)
        let store = try await configuration.openStore()
        let alert = Alert(source: .alertmanager, labels: ["alertname": "DiskUsageWarning", "app": "checkout-worker"],
                          title: "DiskUsageWarning", dedupKey: "fp1")
        let request = IngestRequest(
            source: .alertmanager, integration: "am", receivedAt: Date(), contentType: "application/json",
            payload: Data("{}".utf8),
            alerts: [IngestAlert(alert: alert, key: "DiskUsageWarning checkout-worker", matches: [])])
        let id = try await store.ingest(request).incidentIDs[0]
        _ = try await store.chooseEntry(
            incidentID: id, entryID: "oncall.md#diskusagewarning-checkout", note: nil, by: "ana", at: Date())
        try await store.close()

        let result = try await CLIRunner.run(["lint", "--format", "json", "--database", url, "examples/runbooks"])
        let report = try #require(try result.json() as? [String: Any], "\(result.stderr)")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let stale = findings.filter { $0["rule"] as? String == "stale-binding" }
        #expect(stale.count == 1)
        #expect((stale.first?["message"] as? String)?.contains("oncall.md#diskusagewarning-checkout-worker") == true)
    }
}
