import Foundation
import Testing

struct MatchCommandTests {
    private func payload(_ name: String) throws -> String {
        try String(contentsOf: CLIRunner.examples.appendingPathComponent("alerts/\(name)"), encoding: .utf8)
    }

    @Test func alertmanagerPayloadMatchesEachAlertToItsOwnEntry() async throws {
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--json", "-"], stdin: try payload("alertmanager-disk.json"))
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try result.json() as? [String: Any])
        #expect(report["matched"] as? String == "oncall.md#diskusagewarning-checkout-worker")
        let alerts = try #require(report["alerts"] as? [[String: Any]])
        #expect(alerts.count == 2)
        #expect(alerts[1]["matched"] as? String == "oncall.md#diskusagewarning-search-indexer")
        #expect(alerts[1]["source"] as? String == "alertmanager")
        let matches = try #require(report["matches"] as? [[String: Any]])
        #expect(matches.count <= 5)
        #expect(matches.first?["evidence"] as? [Any] != nil)
        let key = try #require(report["key"] as? String)
        #expect(key.hasPrefix("DiskUsageWarning"))
    }

    @Test func pagerDutyStylePayloadMatchesTheAlertFile() async throws {
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--json", "-"],
            stdin: try payload("pagerduty-replication-lag.json"))
        let report = try #require(try result.json() as? [String: Any])
        #expect(report["matched"] as? String == "alerts/PostgresReplicationLag.md#postgresreplicationlag")
        #expect(result.status == 0)
    }

    @Test func uncoveredAlertHasNoConfidentMatchAndExitsOne() async throws {
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--json",
             "TLS certificate for api.example.com expires in 7 days"])
        #expect(result.status == 1)
        let report = try #require(try result.json() as? [String: Any])
        #expect(report["matched"] is NSNull)
        #expect(report["matches"] as? [Any] != nil)
    }

    @Test func limitBoundsTheCandidates() async throws {
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--json", "--limit", "2", "disk full on search node"])
        let report = try #require(try result.json() as? [String: Any])
        #expect((report["matches"] as? [Any])?.count ?? 99 <= 2)
    }

    @Test func invalidPayloadIsABadInputNamingTheField() async throws {
        let body = try String(
            contentsOf: CLIRunner.fixtures.appendingPathComponent("alertmanager-invalid-labels.json"), encoding: .utf8)
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--format", "alertmanager", "-"], stdin: body)
        #expect(result.status == 2)
        #expect(result.stderr.contains("alerts[0].labels"), "\(result.stderr)")
    }

    @Test(arguments: [
        ["match", "--runbooks", "examples/runbooks", "--format", "alertmanager", "-"],
        ["match", "--runbooks", "examples/runbooks", "--format", "nagios", "x"],
        ["match", "--runbooks", "examples/runbooks", "--threshold", "2", "x"],
        ["match", "x"],
    ])
    func usageAndInputErrorsExitTwo(arguments: [String]) async throws {
        let result = try await CLIRunner.run(arguments, stdin: "")
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func notJSONForAJSONFormatIsABadInput() async throws {
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--format", "pingdom", "-"], stdin: "{not json")
        #expect(result.status == 2)
    }


    @Test(arguments: ["[1,2]", #"{"foo": 1}"#])
    func jsonThatIsNoAlertIsABadInputSayingWhatWasRead(body: String) async throws {
        let result = try await CLIRunner.run(["match", "--runbooks", "examples/runbooks", "-"], stdin: body)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("the input was read as"), "\(result.stderr)")
        #expect(result.stderr.contains("alertmanager: a JSON object with alerts[]"))
        #expect(!result.stderr.contains("Usage:"))
    }

    @Test func aPayloadMustCarryTheFieldsOfTheFormatItClaims() async throws {
        let result = try await CLIRunner.run(["match", "--runbooks", "examples/runbooks", "--format", "sentry", #"{"x":1}"#])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains("not a valid sentry payload: data.event"), "\(result.stderr)")
    }
}
