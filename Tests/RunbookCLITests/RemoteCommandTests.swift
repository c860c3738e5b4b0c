import Foundation
import RunbookCore
import RunbookStore
import Testing

/// `runbook incidents …` and `runbook coverage` against a real `runbook serve` on 127.0.0.1, with real tokens.
///
/// One test at a time: each runs a server and a few dozen CLI processes, and launching many processes at once
/// from the test process has crashed Foundation's `Process.run` in a full run.
@Suite(.serialized)
struct RemoteCommandTests {
    static let entry = "oncall.md#diskusagewarning-checkout-worker"

    /// A fresh server with an Alertmanager integration, an operator token (`ana`) and a viewer token (`vic`), and
    /// one incident opened through ingest.
    struct Fixture {
        let server: ServeProcess
        let home: String
        let operatorToken: String
        let viewerToken: String
        let incident: Int64
        /// The Alertmanager integration's secret, to send more alerts.
        let integrationSecret: String

        /// The CLI's environment: only PATH and an empty HOME, so no setting of the machine leaks in.
        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home]
                .merging(extra) { $1 }
        }

        /// Runs `runbook ARGUMENTS --server … --token TOKEN`.
        func run(_ arguments: [String], token: String? = nil) async throws -> CLIRunner.Result {
            try await CLIRunner.run(
                arguments + ["--server", server.base, "--token", token ?? operatorToken], environment: environment())
        }

        /// `runbook incidents show ID --json`, parsed.
        func detail() async throws -> [String: Any] {
            let result = try await run(["incidents", "show", "\(incident)", "--json"], token: viewerToken)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try result.json() as? [String: Any])
        }
    }

    /// The table line of incident `id`.
    static func row(_ id: Int64, in table: String) -> String {
        table.split(separator: "\n").first { $0.hasPrefix("\(id) ") }.map(String.init) ?? ""
    }

    static func withFixture(_ body: (Fixture) async throws -> Void) async throws {
        try await OutboxFixture.withDataFolder { data in
            let store = try SQLiteStore(path: data + "/runbook.sqlite")
            let secret = try await store.addIntegration(name: "am", source: .alertmanager, at: Date()).secret
            let operatorToken = try await store.addToken(name: "ana", role: .operator, at: Date()).secret
            let viewerToken = try await store.addToken(name: "vic", role: .viewer, at: Date()).secret
            try await store.close()
            let config = URL(fileURLWithPath: data + "/runbook.yml")
            try "data: \(data)\nrunbooks: [examples/runbooks]\n".write(to: config, atomically: true, encoding: .utf8)
            let home = data + "/home"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            let server = try await ServeProcess.start(
                config: config, port: try ServeProcess.freePort(), log: URL(fileURLWithPath: data + "/serve.log"))
            defer { server.terminate() }
            let payload = """
                {"version":"4","status":"firing","receiver":"runbook","groupKey":"{}:{alertname=\\"DiskUsageWarning\\"}",
                 "alerts":[{"status":"firing","labels":{"alertname":"DiskUsageWarning","instance":"checkout-worker-3",
                 "service":"checkout-worker","severity":"warning"},"annotations":{"summary":"disk 91% full"},
                 "startsAt":"2026-11-26T20:00:00Z","fingerprint":"remote-cli-1"}]}
                """
            let answer = try await server.request(
                "/api/v1/ingest/alertmanager/am", method: "POST", bearer: secret, body: payload)
            #expect(answer.status == 202, "\(String(decoding: answer.body, as: UTF8.self))")
            let ingested = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
            let incident = try #require((ingested["incidents"] as? [Any])?.first as? NSNumber).int64Value
            try await body(Fixture(
                server: server, home: home, operatorToken: operatorToken, viewerToken: viewerToken,
                incident: incident, integrationSecret: secret))
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func listAckNoteSetEntryAndResolveAnIncident() async throws {
        try await Self.withFixture { fixture in
            let id = fixture.incident
            let table = try await fixture.run(["incidents", "list"], token: fixture.viewerToken)
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.hasPrefix("ID "))
            #expect(Self.row(id, in: table.stdout).contains(" triggered "))
            #expect(table.stdout.contains("DiskUsageWarning"))

            let listed = try await fixture.run(["incidents", "list", "--state", "triggered", "--json"])
            let page = try #require(try listed.json() as? [String: Any])
            let ids = (page["incidents"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
            #expect(ids == [id])
            let resolvedOnly = try await fixture.run(["incidents", "list", "--state", "resolved"])
            #expect(resolvedOnly.stdout == "No incidents.\n")

            let ack = try await fixture.run(["incidents", "ack", "\(id)"])
            #expect(ack.status == 0, "\(ack.stderr)")
            #expect(ack.stdout.contains("Incident \(id) (") && ack.stdout.contains("acknowledged by ana"))

            let note = try await fixture.run(["incidents", "note", "\(id)", "failed over to the replica"])
            #expect(note.status == 0, "\(note.stderr)")

            let chosen = try await fixture.run(["incidents", "set-entry", "\(id)", Self.entry, "--note", "the right one"])
            #expect(chosen.status == 0, "\(chosen.stderr)")
            #expect(chosen.stdout.contains("answered by \(Self.entry)"))

            let resolve = try await fixture.run(["incidents", "resolve", "\(id)"])
            #expect(resolve.status == 0, "\(resolve.stderr)")
            #expect(resolve.stdout.contains("resolved by ana"))
            // The alert still fires at its source: the answer says so.
            #expect(resolve.stdout.contains("still firing"))

            let detail = try await fixture.detail()
            let incident = try #require(detail["incident"] as? [String: Any])
            #expect(incident["state"] as? String == "resolved")
            #expect(incident["entry_id"] as? String == Self.entry)
            let timeline = detail["timeline"] as? [[String: Any]] ?? []
            let kinds = timeline.compactMap { $0["kind"] as? String }
            #expect(kinds.contains("acknowledged") && kinds.contains("note") && kinds.contains("entryChosen")
                    && kinds.contains("resolved"))
            #expect(timeline.contains { $0["kind"] as? String == "note" && $0["actor"] as? String == "ana"
                && $0["detail"] as? String == "failed over to the replica" })

            let shown = try await fixture.run(["incidents", "show", "\(id)"], token: fixture.viewerToken)
            #expect(shown.stdout.contains("state     resolved by ana"))
            #expect(shown.stdout.contains("entry     \(Self.entry)"))
            #expect(shown.stdout.contains("note by ana: failed over to the replica"))
            // The chosen entry follows, Diagnosis first, with its placeholders filled from the alert's labels.
            let diagnosis = try #require(shown.stdout.range(of: "## Diagnosis"), "\(shown.stdout)")
            let mitigation = try #require(shown.stdout.range(of: "## Mitigation"), "\(shown.stdout)")
            #expect(diagnosis.lowerBound < mitigation.lowerBound)
            #expect(shown.stdout.contains("ssh checkout-worker-3 'sudo find"), "\(shown.stdout)")

            let reopened = try await fixture.run(["incidents", "reopen", "\(id)"])
            #expect(reopened.status == 0 && reopened.stdout.contains(": triggered"), "\(reopened.stderr)")

            // The server logged each change of state with the incident's id and key, and who made it.
            let lines = fixture.server.logText.split(separator: "\n").compactMap { line in
                try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            }
            for event in ["incident.opened", "incident.acknowledged", "incident.resolved", "incident.reopened"] {
                let line = lines.first { $0["type"] as? String == event }
                let fields = line?["fields"] as? [String: Any] ?? [:]
                #expect("\(fields["incident.id"] ?? "")" == "\(id)", "\(event): \(line ?? [:])")
                #expect((fields["incident.key"] as? String)?.hasPrefix("DiskUsageWarning") == true, "\(event)")
                if event != "incident.opened" { #expect(fields["actor"] as? String == "ana", "\(event)") }
            }
        }
    }

    /// An alert the library has no entry for, though it has the alert's name for other services: the incident shows
    /// no entry, and its candidates with what speaks against each.
    @Test(.timeLimit(.minutes(3)))
    func anIncidentWithNoEntryShowsItsCandidatesAndWhyNot() async throws {
        try await Self.withFixture { fixture in
            let payload = """
                {"version":"4","status":"firing","receiver":"runbook",
                 "groupKey":"{}:{alertname=\\"DiskUsageWarning\\"}",
                 "alerts":[{"status":"firing","labels":{"alertname":"DiskUsageWarning","instance":"payments-db-1",
                 "service":"payments-db","severity":"warning"},"annotations":{"summary":"disk 95% full"},
                 "startsAt":"2026-11-26T20:05:00Z","fingerprint":"remote-cli-2"}]}
                """
            let answer = try await fixture.server.request(
                "/api/v1/ingest/alertmanager/am", method: "POST", bearer: fixture.integrationSecret, body: payload)
            #expect(answer.status == 202, "\(String(decoding: answer.body, as: UTF8.self))")
            let ingested = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
            let id = try #require((ingested["incidents"] as? [Any])?.first as? NSNumber).int64Value
            #expect(id != fixture.incident)
            let shown = try await fixture.run(["incidents", "show", "\(id)"], token: fixture.viewerToken)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("entry     none matched"), "\(shown.stdout)")
            #expect(shown.stdout.contains(
                "candidate \(Self.entry) (0.30) — service payments-db: not named by this entry"), "\(shown.stdout)")
        }
    }

    /// An alert's control characters reach the operator's terminal as symbols, in tables, details and JSON alike.
    @Test(.timeLimit(.minutes(3)))
    func anAlertsControlCharactersArePrintedAsSymbols() async throws {
        try await Self.withFixture { fixture in
            let answer = try await fixture.server.request(
                "/api/v1/ingest/alertmanager/am", method: "POST", bearer: fixture.integrationSecret,
                body: TerminalTextTests.hostile)
            #expect(answer.status == 202, "\(String(decoding: answer.body, as: UTF8.self))")
            let ingested = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
            let id = try #require((ingested["incidents"] as? [Any])?.first as? NSNumber).int64Value
            let commands = [["incidents", "list"], ["incidents", "show", "\(id)"], ["incidents", "show", "\(id)", "--json"]]
            for arguments in commands {
                let result = try await fixture.run(arguments, token: fixture.viewerToken)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                #expect(!TerminalTextTests.actsOnTerminal(result.stdout),
                        "\(arguments): \(result.stdout.debugDescription)")
            }
            let shown = try await fixture.run(["incidents", "show", "\(id)"], token: fixture.viewerToken)
            #expect(shown.stdout.contains("\u{241B}"), "\(shown.stdout)")
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func errorsSayWhatIsWrong() async throws {
        try await Self.withFixture { fixture in
            let id = fixture.incident
            let viewer = try await fixture.run(["incidents", "ack", "\(id)"], token: fixture.viewerToken)
            #expect(viewer.status == 2)
            #expect(viewer.stderr.contains("this needs operator or higher"))

            let unknown = try await fixture.run(["incidents", "list"], token: "rbk_not-a-token")
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("does not know this API token"))

            let missing = try await fixture.run(["incidents", "ack", "987654"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no incident 987654"))

            let badEntry = try await fixture.run(["incidents", "set-entry", "\(id)", "oncall.md"])
            #expect(badEntry.status == 2)
            #expect(badEntry.stderr.contains("<file>#<anchor>"))

            let unknownEntry = try await fixture.run(["incidents", "set-entry", "\(id)", "oncall.md#no-such-entry"])
            #expect(unknownEntry.status == 2)
            #expect(unknownEntry.stderr.contains("no entry oncall.md#no-such-entry"))

            let badID = try await fixture.run(["incidents", "show", "0"])
            #expect(badID.status == 2 && badID.stderr.contains("positive whole number"))

            // Nothing listens on the port, as on that of a server that stopped.
            try await ServeProcess.withRefusingPort { port in
                let unreachable = try await CLIRunner.run(
                    ["incidents", "list", "--server", "http://127.0.0.1:\(port)", "--token", fixture.operatorToken],
                    environment: fixture.environment())
                #expect(unreachable.status == 3)
                #expect(unreachable.stderr.contains("cannot reach the Runbook server at http://127.0.0.1:\(port)"))
            }
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func theServerAndTokenComeFromTheEnvironmentOrTheCLIConfigFile() async throws {
        try await Self.withFixture { fixture in
            let byEnvironment = try await CLIRunner.run(["incidents", "list"], environment: fixture.environment([
                "RUNBOOK_SERVER": fixture.server.base, "RUNBOOK_TOKEN": fixture.viewerToken,
            ]))
            #expect(byEnvironment.status == 0, "\(byEnvironment.stderr)")
            #expect(Self.row(fixture.incident, in: byEnvironment.stdout).contains(" triggered "))

            let folder = fixture.home + "/.config/runbook"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "# the Runbook CLI\nserver: \(fixture.server.base)\ntoken: \(fixture.operatorToken)\n"
                .write(toFile: folder + "/cli.yaml", atomically: true, encoding: .utf8)
            let byFile = try await CLIRunner.run(["coverage", "--json"], environment: fixture.environment())
            #expect(byFile.status == 0, "\(byFile.stderr)")
            #expect((try byFile.json() as? [String: Any])?["keys"] != nil)
            let silences = try await CLIRunner.run(["silences", "list"], environment: fixture.environment())
            #expect(silences.status == 0 && silences.stdout == "No silence is in force.\n", "\(silences.stderr)")
            let deliveries = try await CLIRunner.run(["deliveries", "list", "--json"], environment: fixture.environment())
            #expect(deliveries.status == 0, "\(deliveries.stderr)")

            try "server: \(fixture.server.base)\ntoken\n".write(
                toFile: folder + "/cli.yaml", atomically: true, encoding: .utf8)
            let broken = try await CLIRunner.run(["incidents", "list"], environment: fixture.environment())
            #expect(broken.status == 2)
            #expect(broken.stderr.contains("cli.yaml:2: expected `server: URL` or `token: TOKEN`"))
        }
    }

    @Test
    func withNoServerAndNoDataFolderCommandsSayWhatIsMissingAndCreateNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path]
        let commands: [[String]] = [
            ["incidents", "list"], ["coverage"], ["tokens", "list"], ["integrations", "list"], ["silences", "list"],
            ["deliveries", "list"], ["bindings", "list"], ["prune"],
        ]
        for command in commands {
            let result = try await CLIRunner.run(command, directory: folder, environment: environment)
            #expect(result.status == 2, "\(command): \(result.stdout) \(result.stderr)")
            let says = result.stderr.contains("no Runbook server given") || result.stderr.contains("no database given")
            #expect(says, "\(command): \(result.stderr)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(left.isEmpty, "created: \(left)")
    }
}
