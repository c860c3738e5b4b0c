import Foundation
import RunbookCore
import RunbookStore
import Testing

/// `runbook silences add|list|expire`, run as the built binary over a temporary data folder.
struct SilencesCommandTests {
    private static func object(_ result: CLIRunner.Result) throws -> [String: Any] {
        try #require(try result.json() as? [String: Any])
    }

    private static func silences(_ result: CLIRunner.Result) throws -> [[String: Any]] {
        try #require(try object(result)["silences"] as? [[String: Any]])
    }

    @Test
    func aSilenceIsAddedListedAndExpiredByName() async throws {
        try await OutboxFixture.withDataFolder { data in
            let added = try await CLIRunner.run([
                "silences", "add", "--match", "alertname=DiskUsageWarning", "--match", "app=~xq.*", "--for", "2h",
                "--comment", "disk swap", "--by", "ana", "--data", data, "--json",
            ])
            #expect(added.status == 0, "\(added.stderr)")
            let silence = try Self.object(added)
            #expect(silence["matchers"] as? [String] == ["alertname=DiskUsageWarning", "app=~xq.*"])
            #expect(silence["created_by"] as? String == "ana")
            #expect(silence["comment"] as? String == "disk swap")
            #expect(silence["status"] as? String == "active")
            let id = try #require(silence["id"] as? Int64)
            let starts = try Date(#require(silence["starts_at"] as? String), strategy: .iso8601)
            let ends = try Date(#require(silence["ends_at"] as? String), strategy: .iso8601)
            #expect(abs(ends.timeIntervalSince(starts) - 7_200) < 2)

            let store = try SQLiteStore(path: data + "/runbook.sqlite")
            let stored = try await store.silences(activeAt: Date())
            try await store.close()
            #expect(stored.map(\.id) == [id])
            #expect(stored.first?.silences(["alertname": "DiskUsageWarning", "app": "xqwatcher"], at: Date()) == true)

            let listed = try await Self.silences(CLIRunner.run(["silences", "list", "--data", data, "--json"]))
            #expect(listed.map { $0["id"] as? Int64 } == [id])

            let expired = try await CLIRunner.run(["silences", "expire", "\(id)", "--by", "bo", "--data", data, "--json"])
            #expect(expired.status == 0, "\(expired.stderr)")
            #expect(try Self.object(expired)["expired_by"] as? String == "bo")
            #expect(try Self.object(expired)["status"] as? String == "expired")

            #expect(try await Self.silences(CLIRunner.run(["silences", "list", "--data", data, "--json"])).isEmpty)
            let all = try await Self.silences(CLIRunner.run(["silences", "list", "--all", "--data", data, "--json"]))
            #expect(all.map { $0["status"] as? String } == ["expired"])
            let text = try await CLIRunner.run(["silences", "list", "--all", "--data", data])
            #expect(text.stdout.contains("ana, expired by bo"))

            let again = try await CLIRunner.run(["silences", "expire", "\(id)", "--data", data])
            #expect(again.status == 2)
        }
    }

    @Test
    func untilTakesAnISO8601TimeInTheFuture() async throws {
        try await OutboxFixture.withDataFolder { data in
            let end = Date().addingTimeInterval(3 * 86_400)
            let added = try await CLIRunner.run([
                "silences", "add", "--match", "team=payments", "--until", end.formatted(.iso8601),
                "--comment", "migration", "--data", data, "--json",
            ])
            #expect(added.status == 0, "\(added.stderr)")
            let ends = try Date(#require(try Self.object(added)["ends_at"] as? String), strategy: .iso8601)
            #expect(abs(ends.timeIntervalSince(end)) < 1)
        }
    }

    @Test(arguments: [
        (["--for", "2h", "--comment", "x"], "at least one --match"),
        (["--match", "app=~(", "--for", "2h", "--comment", "x"], "invalid matcher `app=~(`"),
        (["--match", "alertname", "--for", "2h", "--comment", "x"], "invalid matcher `alertname`"),
        (["--match", "a=b", "--match", "=b", "--for", "2h", "--comment", "x"], "invalid matcher `=b`"),
        (["--match", "a=b", "--comment", "x"], "exactly one of --for"),
        (["--match", "a=b", "--for", "2h", "--until", "2999-01-01T00:00:00Z", "--comment", "x"], "exactly one of"),
        (["--match", "a=b", "--until", "2001-01-01T00:00:00Z", "--comment", "x"], "not in the future"),
        (["--match", "a=b", "--until", "tomorrow", "--comment", "x"], "not an ISO 8601 time"),
        (["--match", "a=b", "--for", "soon", "--comment", "x"], "--for: 'soon' is not a duration"),
        (["--match", "a=b", "--for", "2h", "--comment", "  "], "--comment"),
        (["--match", "a=b", "--for", "20000000000w", "--comment", "x"], "--for: '20000000000w' is longer than"),
        (["--match", "a=b", "--for", "91d", "--comment", "x"], "limits.silence_length"),
        (["--match", "app=~(a)\\1", "--for", "2h", "--comment", "x"], "backreferences"),
    ])
    func aBadSilenceExits2NamingWhatIsWrong(arguments: [String], message: String) async throws {
        try await OutboxFixture.withDataFolder { data in
            let result = try await CLIRunner.run(["silences", "add"] + arguments + ["--data", data])
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    @Test
    func expiringAnUnknownSilenceExits2() async throws {
        try await OutboxFixture.withDataFolder { data in
            let result = try await CLIRunner.run(["silences", "expire", "999", "--data", data])
            #expect(result.status == 2)
            #expect(result.stderr.contains("error:"), "\(result.stderr)")
        }
    }

    @Test(arguments: [
        ["silences", "--help"], ["silences", "add", "--help"], ["silences", "list", "--help"],
        ["silences", "expire", "--help"],
    ])
    func helpShowsAnExample(arguments: [String]) async throws {
        let help = try await CLIRunner.run(arguments)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Example"))
        #expect(help.stdout.contains("runbook silences"))
    }
}
