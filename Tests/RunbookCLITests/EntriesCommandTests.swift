import Foundation
import Testing

struct EntriesCommandTests {
    @Test func listsEveryEntryOfTheExampleLibraryWithItsId() async throws {
        let result = try await CLIRunner.run(["entries", "--json", "examples/runbooks"])
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try #require(try result.json() as? [[String: Any]])
        let ids = Set(entries.compactMap { $0["id"] as? String })
        let expected: Set<String> = [
            "oncall.md#acme-shop-on-call-handbook", "oncall.md#conventions", "oncall.md#checkout",
            "oncall.md#diskusagewarning-checkout-worker", "oncall.md#queuebackloggrowing-checkout",
            "oncall.md#search", "oncall.md#diskusagewarning-search-indexer", "oncall.md#searchlatencyhigh",
            "oncall.md#payments", "oncall.md#carddeclineratehigh-payments-api",
            "oncall.md#refund-webhook-failures-stub-needs-a-real-write-up", "oncall.md#platform",
            "oncall.md#memoryusagewarning-bastion-environment",
            "services/payments-api.md#payments-api", "services/payments-api.md#architecture",
            "services/payments-api.md#dashboards-and-logs", "services/payments-api.md#paymentsapierrorrate",
            "services/payments-api.md#processortimeouts", "services/payments-api.md#rotating-processor-keys",
            "alerts/PostgresReplicationLag.md#postgresreplicationlag", "alerts/KafkaConsumerLag.md#kafkaconsumerlag",
            "procedures/deploy.md#deploying-and-rolling-back", "procedures/deploy.md#deploying",
            "procedures/deploy.md#rolling-back", "procedures/deploy.md#logs",
        ]
        #expect(ids == expected)
    }

    @Test func reportsAliasesPartsAndCommandsOfAnEntry() async throws {
        let result = try await CLIRunner.run(["entries", "--json", "examples/runbooks"])
        let entries = try #require(try result.json() as? [[String: Any]])
        let alias = try #require(entries.first { $0["id"] as? String == "oncall.md#searchlatencyhigh" })
        #expect(alias["aliases"] as? [String] == ["SearchTimeouts"])
        let disk = try #require(entries.first { $0["id"] as? String == "oncall.md#diskusagewarning-checkout-worker" })
        let parts = (disk["parts"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(parts == ["diagnosis", "mitigation"])
        #expect(disk["path"] as? [String] == ["Checkout"])
        let commands = try #require(disk["commands"] as? [[String: Any]])
        let firstLines = commands.first?["lines"] as? [String]
        #expect(firstLines == ["df -h /", "sudo du -xh /var/spool/receipts | sort -hr | head -5"])
    }

    @Test func refusesAFolderThatDoesNotExist() async throws {
        let result = try await CLIRunner.run(["entries", "no/such/folder"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no/such/folder"))
    }


    @Test func theTextListingShowsAliases() async throws {
        let result = try await CLIRunner.run(["entries", "examples/runbooks"])
        let lines = result.stdout.split(separator: "\n")
        let line = try #require(lines.first { $0.hasPrefix("oncall.md#searchlatencyhigh\t") })
        #expect(line.contains("\talso: SearchTimeouts"), "\(line)")
    }
}
