import Foundation
import RecordingReceiver
import RunbookCore
import RunbookStore
import Testing

/// The admin commands over a temporary data folder, run as the built binary.
struct AdminCommandTests {
    /// A fresh data folder, deleted after `body`.
    private static func withDataFolder(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-admin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.path)
    }

    private static func object(_ result: CLIRunner.Result) throws -> [String: Any] {
        try #require(try result.json() as? [String: Any])
    }

    @Test
    func integrationsAreAddedListedRotatedAndRemoved() async throws {
        try await Self.withDataFolder { data in
            let added = try await CLIRunner.run(["integrations", "add", "am", "--source", "alertmanager", "--data", data,
                                           "--json"])
            #expect(added.status == 0, "\(added.stderr)")
            let issued = try Self.object(added)
            #expect(issued["name"] as? String == "am")
            #expect(issued["source"] as? String == "alertmanager")
            #expect(issued["url"] as? String == "http://127.0.0.1:8080/api/v1/ingest/alertmanager/am")
            let token = try #require(issued["token"] as? String)
            #expect(token.hasPrefix("rbi_"))

            let listed = try await CLIRunner.run(["integrations", "list", "--data", data, "--json"])
            let rows = try #require(try listed.json() as? [[String: Any]])
            #expect(rows.map { $0["name"] as? String } == ["am"])
            #expect(!listed.stdout.contains(token))

            let rotated = try await Self.object(CLIRunner.run(["integrations", "rotate", "am", "--data", data, "--json"]))
            let newToken = try #require(rotated["token"] as? String)
            #expect(newToken != token)
            let store = try SQLiteStore(path: data + "/runbook.sqlite")
            #expect(try await store.authenticateIntegration(name: "am", secret: newToken)?.source == .alertmanager)
            #expect(try await store.authenticateIntegration(name: "am", secret: token) == nil)
            try await store.close()

            let removed = try await CLIRunner.run(["integrations", "remove", "am", "--data", data])
            #expect(removed.status == 0)
            let empty = try await CLIRunner.run(["integrations", "list", "--data", data, "--json"])
            #expect(try #require(try empty.json() as? [Any]).isEmpty)
        }
    }

    @Test(arguments: [
        (["integrations", "add", "am", "--source", "alertmanager"], "exists"),
        (["integrations", "rotate", "nobody"], "no integration named nobody"),
        (["integrations", "remove", "nobody"], "no integration named nobody"),
        (["integrations", "add", "x", "--source", "nagios"], "unknown source 'nagios'"),
        (["tokens", "add", "ana", "--role", "root"], "root"),
        (["tokens", "remove", "nobody"], "nobody"),
        (["prune", "--older-than", "soon"], "not an age"),
    ])
    func aMistakeExits2WithAClearMessage(arguments: [String], message: String) async throws {
        try await Self.withDataFolder { data in
            let setup = try await CLIRunner.run(["integrations", "add", "am", "--source", "alertmanager", "--data", data])
            #expect(setup.status == 0, "\(setup.stderr)")
            let result = try await CLIRunner.run(arguments + ["--data", data])
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test
    func tokensAreShownOnceAndWorkAgainstTheStore() async throws {
        try await Self.withDataFolder { data in
            let added = try await Self.object(CLIRunner.run(["tokens", "add", "ana", "--role", "operator", "--data", data,
                                                       "--json"]))
            #expect(added["role"] as? String == "operator")
            let secret = try #require(added["token"] as? String)
            let listed = try await CLIRunner.run(["tokens", "list", "--data", data])
            #expect(listed.stdout.contains("ana\toperator"))
            #expect(!listed.stdout.contains(secret))
            let store = try SQLiteStore(path: data + "/runbook.sqlite")
            #expect(try await store.token(presented: secret)?.name == "ana")
            try await store.close()
            #expect(try await CLIRunner.run(["tokens", "remove", "ana", "--data", data]).status == 0)
            let reopened = try SQLiteStore(path: data + "/runbook.sqlite")
            #expect(try await reopened.token(presented: secret) == nil)
            try await reopened.close()
        }
    }

    @Test
    func theDataFolderComesFromTheConfigFileToo() async throws {
        try await Self.withDataFolder { data in
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let config = data + "/runbook.yml"
            try "data: \(data)/db\npublic_url: https://runbook.example.com\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            let added = try await Self.object(CLIRunner.run(["integrations", "add", "dd", "--source", "datadog",
                                                       "--config", config, "--json"]))
            #expect(added["url"] as? String == "https://runbook.example.com/api/v1/ingest/datadog/dd")
            #expect(FileManager.default.fileExists(atPath: data + "/db/runbook.sqlite"))
        }
    }

    @Test
    func pruneDeletesOldResolvedIncidentsOnly() async throws {
        try await Self.withDataFolder { data in
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: data + "/runbook.sqlite")
            let old = Date().addingTimeInterval(-200 * 86_400)
            for (name, resolve) in [("OldResolved", true), ("OldOpen", false)] {
                let alert = Alert(source: .generic, labels: ["alertname": name], title: name, dedupKey: name)
                let result = try await store.ingest(IngestRequest(
                    source: .generic, receivedAt: old, payload: Data("{}".utf8),
                    alerts: [IngestAlert(alert: alert, key: name)]
                ))
                if resolve, let id = result.incidentIDs.first {
                    _ = try await store.resolve(incidentID: id, by: "ana", at: old.addingTimeInterval(60))
                }
            }
            try await store.close()
            let pruned = try await CLIRunner.run(["prune", "--older-than", "90d", "--data", data, "--json"])
            #expect(pruned.status == 0, "\(pruned.stderr)")
            let report = try Self.object(pruned)
            #expect(report["incidents"] as? Int == 1)
            #expect(report["alerts"] as? Int == 1)
            let again = try await Self.object(CLIRunner.run(["prune", "--older-than", "90d", "--data", data, "--json"]))
            #expect(again["incidents"] as? Int == 0)
        }
    }

    @Test(arguments: [
        ["integrations", "--help"], ["integrations", "add", "--help"], ["integrations", "list", "--help"],
        ["integrations", "rotate", "--help"], ["integrations", "remove", "--help"], ["tokens", "--help"],
        ["tokens", "add", "--help"], ["tokens", "list", "--help"], ["tokens", "remove", "--help"], ["prune", "--help"],
    ])
    func helpShowsAnExample(arguments: [String]) async throws {
        let help = try await CLIRunner.run(arguments)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Example"))
        #expect(help.stdout.contains("runbook \(arguments[0])"))
    }

    @Test
    func adminCommandsActOnTheDatabaseOfARunningServer() async throws {
        try await Self.withDataFolder { data in
            // A free port can be taken by another test between the probe and the server's bind: the server then
            // exits, and a new port is tried (three times at most).
            var started: (server: Process, base: String)?
            for _ in 1...3 where started == nil {
                let port = try ServeProcess.freePort()
                let server = Process()
                server.executableURL = CLIRunner.binary
                server.arguments = ["serve", "--data", data, "--listen", "127.0.0.1:\(port)", "--runbooks",
                                    CLIRunner.examples.appendingPathComponent("runbooks").path, "--log-format", "json"]
                server.currentDirectoryURL = CLIRunner.packageRoot
                server.standardOutput = FileHandle.nullDevice
                server.standardError = FileHandle.nullDevice
                try await ChildProcess.start(server)
                let base = "http://127.0.0.1:\(port)"
                if try await Self.comesUp(base + "/__lbheartbeat__", server: server) {
                    started = (server, base)
                } else {
                    server.terminate()
                    server.waitUntilExit()
                }
            }
            guard let (server, base) = started else {
                Issue.record("the server did not come up on three free ports")
                throw CancellationError()
            }
            defer {
                server.terminate()
                server.waitUntilExit()
            }

            let tokenAdded = try await Self.object(CLIRunner.run(
                ["tokens", "add", "ana", "--role", "viewer", "--data", data, "--json"]))
            let token = try #require(tokenAdded["token"] as? String)
            let integrationAdded = try await Self.object(CLIRunner.run(
                ["integrations", "add", "am", "--source", "alertmanager", "--data", data, "--json"]))
            let secret = try #require(integrationAdded["token"] as? String)
            let alert = """
                {"version":"4","status":"firing","receiver":"runbook","groupKey":"{}:{alertname=\\"DiskFull\\"}",
                 "alerts":[{"status":"firing","labels":{"alertname":"DiskFull","instance":"db1"},
                 "annotations":{"summary":"disk full"},"startsAt":"2025-01-01T00:00:00Z","fingerprint":"f1"}]}
                """
            let posted = try await Self.request(
                base + "/api/v1/ingest/alertmanager/am", method: "POST", bearer: secret, body: alert)
            #expect(posted.status == 202)
            let listed = try await Self.request(base + "/api/v1/incidents", bearer: token)
            #expect(listed.status == 200)
            let incidents = try #require(
                (try JSONSerialization.jsonObject(with: listed.body) as? [String: Any])?["incidents"] as? [Any])
            #expect(incidents.count == 1)

            #expect(try await CLIRunner.run(["tokens", "remove", "ana", "--data", data]).status == 0)
            #expect(try await Self.request(base + "/api/v1/incidents", bearer: token).status == 401)
        }
    }

    /// Polls `url` until it answers (true), or the server exits or 60 seconds pass (false).
    private static func comesUp(_ url: String, server: Process) async throws -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, server.isRunning {
            if let reply = try? await request(url), reply.status == 200 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    private static func request(
        _ url: String, method: String = "GET", bearer: String? = nil, body: String? = nil
    ) async throws -> (status: Int, body: Data) {
        try await LoopbackHTTP.send(url, method: method, bearer: bearer, body: body)
    }
}
