import Foundation
import RecordingReceiver
import RunbookCore
import RunbookStore
import Testing

/// The outbox survives a crash: `runbook serve` is killed with SIGKILL while its dispatcher waits on a receiver
/// that hangs, and the next server on the same data folder sends every delivery, with the same `webhook-id`.
struct DispatcherKillTests {
    static let incidents = 12
    static let lease = 2

    /// A config whose only channel, a signed webhook, is the receiver's `/hook`; a short lease so the restarted
    /// server takes the dead one's claims back quickly, and a timeout longer than the test so a hanging request
    /// is in flight when the kill comes.
    static func config(data: String, receiver: RecordingReceiver) -> String {
        """
        data: \(data)
        runbooks: [examples/runbooks]
        log:
          format: json
          level: info
        notifications:
          channels:
            - name: hook
              type: webhook
              url: \(receiver.url("/hook").absoluteString)
              secrets: [whsec_\(Data("kill-test-signing-secret-0123456".utf8).base64EncodedString())]
              timeout: 120s
              concurrency: 4
          default_route: [hook]
          storm:
            limit: 1000
          dispatcher:
            lease: \(lease)s
            poll_interval: 100ms

        """
    }

    /// An Alertmanager payload opening one incident, labelled with its number.
    static func alert(_ number: Int) -> String {
        """
        {"version":"4","status":"firing","receiver":"runbook","groupKey":"{}:{kill_seq=\\"\(number)\\"}",
         "alerts":[{"status":"firing","labels":{"alertname":"DiskUsageWarning","instance":"node-\(number)",
         "kill_seq":"\(number)"},"annotations":{"summary":"disk"},"startsAt":"2026-11-26T20:00:00Z",
         "fingerprint":"kill-\(number)"}]}
        """
    }

    /// The `kill_seq` label wherever a webhook body carries it.
    static func sequence(in body: Data) -> Int? {
        func find(_ value: Any) -> Int? {
            if let object = value as? [String: Any] {
                if let text = object["kill_seq"] as? String, let number = Int(text) { return number }
                return object.values.lazy.compactMap(find).first
            }
            if let array = value as? [Any] { return array.lazy.compactMap(find).first }
            return nil
        }
        return (try? JSONSerialization.jsonObject(with: body)).flatMap(find)
    }

    @Test(.timeLimit(.minutes(5)))
    func everyDeliveryIsSentAtLeastOnceWithOneKeyAfterAKillMidDispatch() async throws {
        try await OutboxFixture.withDataFolder { data in
            try await withRecordingReceiver { receiver in
                receiver.respond(.hang, path: "/hook")
                let setup = try SQLiteStore(path: data + "/runbook.sqlite")
                let token = try await setup.addIntegration(name: "am", source: .alertmanager, at: Date()).secret
                try await setup.close()
                let config = URL(fileURLWithPath: data + "/runbook.yml")
                try Self.config(data: data, receiver: receiver).write(to: config, atomically: true, encoding: .utf8)
                let port = try ServeProcess.freePort()

                let first = try await ServeProcess.start(
                    config: config, port: port, log: URL(fileURLWithPath: data + "/first.log")
                )
                var incidentOf: [Int: Int64] = [:]
                for number in 0..<Self.incidents {
                    let reply = try await first.request(
                        "/api/v1/ingest/alertmanager/am", method: "POST", bearer: token, body: Self.alert(number)
                    )
                    #expect(reply.status == 202, "\(String(decoding: reply.body, as: UTF8.self))")
                    let object = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
                    incidentOf[number] = try #require((object["incidents"] as? [Int64])?.first)
                }
                #expect(Set(incidentOf.values).count == Self.incidents)
                do {
                    try await receiver.waitUntil(timeout: .seconds(60)) { $0.hangingCount >= 1 }
                } catch {
                    Issue.record("no delivery reached the receiver:\n\(first.logText)")
                    first.terminate()
                    throw error
                }
                let inFlight = receiver.requests(path: "/hook")
                #expect(first.kill(), "the first server did not die of SIGKILL")

                receiver.comeBack(path: "/hook")
                let second = try await ServeProcess.start(
                    config: config, port: port, log: URL(fileURLWithPath: data + "/second.log")
                )
                defer { second.terminate() }
                let store = try SQLiteStore(path: data + "/runbook.sqlite")
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
                let keyOf = Dictionary(uniqueKeysWithValues: all.map { ($0.incidentID, $0.idempotencyKey) })
                var keysBySequence: [Int: Set<String>] = [:]
                for request in requests {
                    let sequence = try #require(Self.sequence(in: request.body), "a webhook body without its labels")
                    keysBySequence[sequence, default: []].insert(request.header("webhook-id") ?? "")
                }
                for number in 0..<Self.incidents {
                    let incident = try #require(incidentOf[number])
                    #expect(keysBySequence[number] == [keyOf[incident] ?? "?"],
                            "incident \(incident): webhook-ids \(keysBySequence[number] ?? [])")
                }
                let repeated = inFlight.filter { request in
                    requests.filter { $0.header("webhook-id") == request.header("webhook-id") }.count > 1
                }
                #expect(!inFlight.isEmpty && repeated.count == inFlight.count,
                        "every request in flight at the kill was sent again after the restart")
            }
        }
    }
}
