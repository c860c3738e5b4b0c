import Foundation
import RecordingReceiver
import RunbookStore
import Testing

/// SIGHUP makes a real `runbook serve` read its config file again: a changed route is used for the next incident,
/// and an invalid file is refused with the old routes kept.
struct ConfigReloadTests {
    /// Two webhook channels on the receiver; incidents take `route` (a channel name) by default.
    static func config(
        data: String, receiver: RecordingReceiver, route: String, secondPath: String = "/second"
    ) -> String {
        """
        data: \(data)
        runbooks: [examples/runbooks]
        log:
          format: json
          level: info
        notifications:
          channels:
            - name: first
              type: webhook
              url: \(receiver.url("/first").absoluteString)
            - name: second
              type: webhook
              url: \(receiver.url(secondPath).absoluteString)
          default_route: [\(route)]
          dispatcher:
            poll_interval: 100ms

        """
    }

    /// An Alertmanager payload opening one incident of its own key.
    static func alert(_ name: String) -> String {
        """
        {"version":"4","status":"firing","receiver":"runbook","groupKey":"{}:{alertname=\\"\(name)\\"}",
         "alerts":[{"status":"firing","labels":{"alertname":"\(name)","instance":"node-1"},
         "annotations":{"summary":"\(name)"},"startsAt":"2026-11-26T20:00:00Z","fingerprint":"\(name)"}]}
        """
    }

    /// Sends SIGHUP until the log has one more `event` line than before (a SIGHUP that comes before the server
    /// listens for it is ignored), up to a minute.
    static func hangUp(_ server: ServeProcess, until event: String) async throws {
        let before = server.logText.components(separatedBy: "\"\(event)\"").count
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            server.hangUp()
            try await Task.sleep(for: .milliseconds(200))
            if server.logText.components(separatedBy: "\"\(event)\"").count > before { return }
        }
        Issue.record("no \(event) in the log after SIGHUP:\n\(server.logText)")
    }

    /// A real `runbook serve` on a fresh data folder, with an Alertmanager integration `am` and an admin token,
    /// whose config file sends to channels on a recording receiver.
    struct Reloading {
        let server: ServeProcess
        let receiver: RecordingReceiver
        let data: String
        let config: URL
        let integration: String
        let admin: String

        /// Writes the config file with the default route `route` and the channel `second` at `secondPath`.
        func write(route: String, secondPath: String = "/second") throws {
            try ConfigReloadTests.config(data: data, receiver: receiver, route: route, secondPath: secondPath)
                .write(to: config, atomically: true, encoding: .utf8)
        }

        /// Posts an alert of its own key; expects 202.
        func ingest(_ name: String) async throws {
            let reply = try await server.request(
                "/api/v1/ingest/alertmanager/am", method: "POST", bearer: integration,
                body: ConfigReloadTests.alert(name))
            #expect(reply.status == 202, "\(String(decoding: reply.body, as: UTF8.self))")
        }

        /// `POST /-/reload` as the admin: the status and the JSON answer.
        func reload() async throws -> (status: Int, body: [String: Any]) {
            let reply = try await server.request("/-/reload", method: "POST", bearer: admin)
            let body = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any]
            return (reply.status, body ?? [:])
        }
    }

    /// Runs `body` with a server started on a config file whose default route is `route`.
    static func withServer(route: String, _ body: (Reloading) async throws -> Void) async throws {
        try await OutboxFixture.withDataFolder { data in
            try await withRecordingReceiver { receiver in
                let setup = try SQLiteStore(path: data + "/runbook.sqlite")
                let integration = try await setup.addIntegration(name: "am", source: .alertmanager, at: Date()).secret
                let admin = try await setup.addToken(name: "ada", role: .admin, at: Date()).secret
                try await setup.close()
                let config = URL(fileURLWithPath: data + "/runbook.yml")
                try Self.config(data: data, receiver: receiver, route: route)
                    .write(to: config, atomically: true, encoding: .utf8)
                let server = try await ServeProcess.start(
                    config: config, port: try ServeProcess.freePort(), log: URL(fileURLWithPath: data + "/serve.log"))
                defer { server.terminate() }
                try await body(Reloading(server: server, receiver: receiver, data: data, config: config,
                                         integration: integration, admin: admin))
            }
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func sighupPutsAChangedRouteInForceAndRefusesAnInvalidFile() async throws {
        try await Self.withServer(route: "first") { running in
            let server = running.server
            let receiver = running.receiver
            try await running.ingest("BeforeReload")
            try await receiver.waitUntil(timeout: .seconds(60)) { $0.requests(path: "/first").count == 1 }
            #expect(server.logText.contains("\"incident.opened\""))
            #expect(server.logText.contains("\"incident.key\":\"BeforeReload"))

            try running.write(route: "second")
            try await Self.hangUp(server, until: "config.reloaded")
            #expect(server.isRunning, "SIGHUP must not stop the server")
            try await running.ingest("AfterReload")
            try await receiver.waitUntil(timeout: .seconds(60)) { $0.requests(path: "/second").count == 1 }
            #expect(receiver.requests(path: "/first").count == 1, "the old route is no longer used")
            #expect(receiver.requests(path: "/second").first?.bodyText.contains("AfterReload") == true)

            // A route naming a channel that does not exist: refused, the route to `second` stays.
            try running.write(route: "nowhere")
            try await Self.hangUp(server, until: "config.reload_failed")
            #expect(server.isRunning)
            #expect(server.logText.contains("nowhere"), "the log names what is wrong:\n\(server.logText)")
            let metrics = String(decoding: try await server.request("/metrics").body, as: UTF8.self)
            #expect(metrics.contains("runbook_config_last_reload_successful 0"))
            try await running.ingest("AfterRefusal")
            try await receiver.waitUntil(timeout: .seconds(60)) { $0.requests(path: "/second").count == 2 }
            #expect(receiver.requests(path: "/first").count == 1)
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aReloadSendsTheNextDeliveryToAChannelsNewURLAndRefusesAnInvalidChannel() async throws {
        try await Self.withServer(route: "second") { running in
            let server = running.server
            let receiver = running.receiver
            try await running.ingest("BeforeMove")
            try await receiver.waitUntil(timeout: .seconds(60)) { $0.requests(path: "/second").count == 1 }

            // The channel `second` moves to another URL: POST /-/reload applies it, no restart.
            try running.write(route: "second", secondPath: "/second-moved")
            let moved = try await running.reload()
            #expect(moved.status == 200, "\(moved.body)")
            #expect(moved.body["channels_changed"] as? [String] == ["second"])
            #expect(moved.body["applied"] as? [String] == ["notifications.channels"])
            #expect(moved.body["restart_needed"] as? [String] == [])
            try await running.ingest("AfterMove")
            try await receiver.waitUntil(timeout: .seconds(60)) { $0.requests(path: "/second-moved").count == 1 }
            #expect(receiver.requests(path: "/second-moved").first?.bodyText.contains("AfterMove") == true)
            #expect(receiver.requests(path: "/second").count == 1, "the old URL is no longer used")

            // A channel with no URL: refused with the reason, by POST and by SIGHUP; the moved URL stays.
            let invalid = Self.config(data: running.data, receiver: receiver, route: "second", secondPath: "/x")
                .replacingOccurrences(of: "url: \(receiver.url("/x").absoluteString)", with: "timeout: 5s")
            try invalid.write(to: running.config, atomically: true, encoding: .utf8)
            let refused = try await running.reload()
            #expect(refused.status == 422)
            #expect((refused.body["detail"] as? String)?.contains("notifications.channels") == true, "\(refused.body)")
            try await Self.hangUp(server, until: "config.reload_failed")
            #expect(server.isRunning)
            try await running.ingest("AfterRefusal")
            try await receiver.waitUntil(timeout: .seconds(60)) { $0.requests(path: "/second-moved").count == 2 }
            #expect(receiver.requests(path: "/second").count == 1)
        }
    }
}
