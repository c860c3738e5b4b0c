import Foundation
import RunbookCore
import RunbookStore
import Testing

/// `runbook deliveries list|retry` over a database the store's contract filled, run as the built binary.
struct DeliveriesCommandTests {
    private static func deliveries(_ result: CLIRunner.Result) throws -> [[String: Any]] {
        let object = try #require(try result.json() as? [String: Any])
        return try #require(object["deliveries"] as? [[String: Any]])
    }

    @Test
    func listFiltersByStateAndIncidentAndPrintsTheAPIsJSON() async throws {
        try await OutboxFixture.withDataFolder { data in
            let fixture = try await OutboxFixture.make(in: data, names: ["DiskFull", "CPUHigh"], dead: ["DiskFull"])
            let all = try await CLIRunner.run(["deliveries", "list", "--data", data, "--json"])
            #expect(all.status == 0, "\(all.stderr)")
            #expect(try Self.deliveries(all).count == 2)

            let dead = try await Self.deliveries(CLIRunner.run(["deliveries", "list", "--state", "dead", "--data", data,
                                                          "--json"]))
            #expect(dead.count == 1)
            let row = try #require(dead.first)
            #expect(row["incident_id"] as? Int64 == fixture.incidents["DiskFull"])
            #expect(row["state"] as? String == "dead")
            #expect(row["channel"] as? String == "ops")
            #expect(row["kind"] as? String == "triggered")
            #expect(row["last_error"] as? String == "HTTP 410 Gone")
            #expect((row["idempotency_key"] as? String)?.isEmpty == false)

            let cpu = try #require(fixture.incidents["CPUHigh"])
            let byIncident = try await Self.deliveries(CLIRunner.run(
                ["deliveries", "list", "--incident", "\(cpu)", "--data", data, "--json"]))
            #expect(byIncident.map { $0["state"] as? String } == ["pending"])

            let text = try await CLIRunner.run(["deliveries", "list", "--state", "dead", "--data", data])
            #expect(text.stdout.contains("dead\ttriggered\tops\tdefault"))
            #expect(text.stdout.contains("HTTP 410 Gone"))
        }
    }

    @Test
    func retryMakesDeadDeliveriesPendingWithTheirKeyAndErrorCountReset() async throws {
        try await OutboxFixture.withDataFolder { data in
            let fixture = try await OutboxFixture.make(in: data, names: ["DiskFull", "CPUHigh"], dead: ["DiskFull",
                                                                                                      "CPUHigh"])
            let before = try await Self.deliveries(CLIRunner.run(["deliveries", "list", "--state", "dead", "--data", data,
                                                            "--json"]))
            #expect(before.count == 2)
            let first = try #require(before.first?["id"] as? Int64)

            let one = try await CLIRunner.run(["deliveries", "retry", "\(first)", "--data", data, "--json"])
            #expect(one.status == 0, "\(one.stderr)")
            #expect(try #require(try one.json() as? [String: Any])["retried"] as? Int == 1)

            let rest = try await CLIRunner.run(["deliveries", "retry", "--all-dead", "--data", data])
            #expect(rest.status == 0, "\(rest.stderr)")
            #expect(rest.stdout.contains("Retried 1 dead delivery"))

            let store = try fixture.open()
            let pending = try await store.deliveries(matching: DeliveryQuery(state: .pending))
            try await store.close()
            #expect(pending.count == 2)
            #expect(pending.allSatisfy { $0.attempts == 0 })
            let keys = Dictionary(uniqueKeysWithValues: before.compactMap { row in
                (row["id"] as? Int64).map { ($0, row["idempotency_key"] as? String) }
            })
            #expect(pending.allSatisfy { keys[$0.id] == $0.idempotencyKey })
        }
    }

    @Test
    func retryingADeliveryThatIsNotDeadExits2AndChangesNothing() async throws {
        try await OutboxFixture.withDataFolder { data in
            _ = try await OutboxFixture.make(in: data, names: ["DiskFull"], dead: [])
            let pending = try await Self.deliveries(CLIRunner.run(["deliveries", "list", "--data", data, "--json"]))
            let id = try #require(pending.first?["id"] as? Int64)
            let result = try await CLIRunner.run(["deliveries", "retry", "\(id)", "--data", data])
            #expect(result.status == 2)
            #expect(result.stderr.contains("error:"), "\(result.stderr)")
            let after = try await Self.deliveries(CLIRunner.run(["deliveries", "list", "--data", data, "--json"]))
            #expect(after.first?["state"] as? String == "pending")
        }
    }

    @Test
    func retryingAllDeadWhenNoneIsDeadSaysSo() async throws {
        try await OutboxFixture.withDataFolder { data in
            _ = try await OutboxFixture.make(in: data, names: ["DiskFull"], dead: [])
            let result = try await CLIRunner.run(["deliveries", "retry", "--all-dead", "--data", data])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "No delivery was dead; nothing to retry.\n", "\(result.stdout)")
        }
    }

    @Test(arguments: [
        (["deliveries", "retry"], "either delivery ids or --all-dead"),
        (["deliveries", "retry", "3", "--all-dead"], "either delivery ids or --all-dead"),
        (["deliveries", "retry", "0"], "positive"),
        (["deliveries", "list", "--state", "lost"], "lost"),
        (["deliveries", "list", "--limit", "0"], "--limit"),
        (["deliveries", "list", "--incident", "0"], "--incident"),
    ])
    func aMistakeExits2WithAClearMessage(arguments: [String], message: String) async throws {
        try await OutboxFixture.withDataFolder { data in
            let result = try await CLIRunner.run(arguments + ["--data", data])
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test(arguments: [["deliveries", "--help"], ["deliveries", "list", "--help"], ["deliveries", "retry", "--help"]])
    func helpShowsAnExample(arguments: [String]) async throws {
        let help = try await CLIRunner.run(arguments)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Example"))
        #expect(help.stdout.contains("runbook deliveries"))
    }
}
