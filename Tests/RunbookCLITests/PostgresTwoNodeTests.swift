import Foundation
import RecordingReceiver
import RunbookServer
import RunbookStore
import Testing

/// Two `runbook serve` nodes on one PostgreSQL take one alert stream, some alerts arriving at both at once; one node
/// is killed with SIGKILL while its webhook sends hang, and the other sends everything.
@Suite(.enabled(if: TestPostgres.enabled, Comment(rawValue: "RUNBOOK_TEST_POSTGRES is not set: run scripts/test")))
struct PostgresTwoNodeTests {
    static let incidents = 12

    @Test(.timeLimit(.minutes(5)))
    func twoNodesShareOneStreamAndTheSurvivorSendsWhatTheDeadNodeHeld() async throws {
        let url = try TestPostgres.databaseURL()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-2n-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: data) }
        try await withRecordingReceiver { receiver in
            receiver.respond(.hang, path: "/hook")
            let added = try await CLIRunner.run(
                ["integrations", "add", "am", "--source", "alertmanager", "--database", url, "--json"])
            let token = try #require((try added.json() as? [String: Any])?["token"] as? String, "\(added.stderr)")
            let config = data.appendingPathComponent("runbook.yml")
            try DispatcherKillTests.config(data: data.path, receiver: receiver)
                .write(to: config, atomically: true, encoding: .utf8)
            let arguments = ["--database", url]
            let first = try await ServeProcess.start(
                config: config, port: try ServeProcess.freePort(), log: data.appendingPathComponent("first.log"),
                arguments: arguments)
            let second = try await ServeProcess.start(
                config: config, port: try ServeProcess.freePort(), log: data.appendingPathComponent("second.log"),
                arguments: arguments)
            defer { second.terminate() }

            // Every alert goes to one node, and the first four to both at once: one incident each all the same.
            var incidentOf: [Int: Set<Int64>] = [:]
            try await withThrowingTaskGroup(of: (Int, Int64).self) { group in
                for number in 0..<Self.incidents {
                    let one = number.isMultiple(of: 2) ? first.base : second.base
                    let nodes = number < 4 ? [first.base, second.base] : [one]
                    for base in nodes {
                        group.addTask {
                            let reply = try await Self.ingest(DispatcherKillTests.alert(number), at: base, token: token)
                            try #require(reply.status == 202, "\(String(decoding: reply.body, as: UTF8.self))")
                            let object = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any]
                            return (number, try #require((object?["incidents"] as? [Int64])?.first))
                        }
                    }
                }
                for try await (number, incident) in group {
                    incidentOf[number, default: []].insert(incident)
                }
            }
            #expect(incidentOf.values.allSatisfy { $0.count == 1 }, "an alert sent to both nodes opened two incidents")
            #expect(Set(incidentOf.values.flatMap { $0 }).count == Self.incidents)

            do {
                try await receiver.waitUntil(timeout: .seconds(60)) { $0.hangingCount >= 1 }
            } catch {
                Issue.record("no delivery reached the receiver:\n\(first.logText)\n\(second.logText)")
                first.terminate()
                throw error
            }
            let inFlight = receiver.requests(path: "/hook")
            #expect(first.kill(), "the first node did not die of SIGKILL")
            receiver.comeBack(path: "/hook")

            var configuration = ServerConfiguration()
            configuration.database = try PostgresLocation(url: url)
            let store = try await configuration.openStore()
            let deadline = Date().addingTimeInterval(90)
            var sent: [OutboxDelivery] = []
            while Date() < deadline {
                sent = try await store.deliveries(matching: DeliveryQuery(state: .sent, limit: 1000))
                if sent.count >= Self.incidents { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let all = try await store.deliveries(matching: DeliveryQuery(limit: 1000))
            try await store.close()
            #expect(sent.count == Self.incidents, "sent \(sent.count) of \(all.count):\n\(second.logText)")
            #expect(all.count == Self.incidents, "one triggered delivery per incident, none lost or added")

            let requests = receiver.requests(path: "/hook")
            let inFlightKeys = Set(inFlight.compactMap { $0.header("webhook-id") })
            for delivery in all {
                let copies = requests.filter { $0.header("webhook-id") == delivery.idempotencyKey }.count
                #expect(copies >= 1, "delivery \(delivery.id) never reached the receiver")
                #expect(copies == 1 || inFlightKeys.contains(delivery.idempotencyKey),
                        "delivery \(delivery.id) sent \(copies) times without being in flight at the kill")
            }
        }
    }

    /// Posts an Alertmanager payload to the node at `base`.
    static func ingest(_ body: String, at base: String, token: String) async throws -> (status: Int, body: Data) {
        try await LoopbackHTTP.send(base + "/api/v1/ingest/alertmanager/am", method: "POST", bearer: token, body: body)
    }
}
