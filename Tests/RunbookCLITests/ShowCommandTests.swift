import Foundation
import Testing

struct ShowCommandTests {
    @Test func fillsPlaceholdersFromLabelsAndPutsDiagnosisFirst() async throws {
        let result = try await CLIRunner.run([
            "show", "oncall.md#queuebackloggrowing-checkout", "--runbooks", "examples/runbooks",
            "--label", "NS=shop-prod",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("kubectl -n shop-prod scale deploy/checkout-worker --replicas=12"))
        #expect(!result.stdout.contains("${namespace}"))
        let diagnosis = try #require(result.stdout.range(of: "DIAGNOSIS"))
        let mitigation = try #require(result.stdout.range(of: "MITIGATION"))
        #expect(diagnosis.lowerBound < mitigation.lowerBound)
    }

    @Test func marksAndListsUnfilledPlaceholders() async throws {
        let result = try await CLIRunner.run([
            "show", "carddeclineratehigh-payments-api", "--runbooks", "examples/runbooks",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("«<ENVIRONMENT>»"))
        #expect(result.stdout.contains("Unfilled placeholders"))
    }

    @Test func jsonListsFilledCommands() async throws {
        let result = try await CLIRunner.run([
            "show", "alerts/PostgresReplicationLag.md#postgresreplicationlag", "--runbooks", "examples/runbooks",
            "--label", "namespace=orders", "--label", "pod=pg-replica-2", "--json",
        ])
        let entry = try #require(try result.json() as? [String: Any])
        let commands = try #require(entry["commands"] as? [[String: Any]])
        let first = try #require(commands.first?["text"] as? String)
        #expect(first.contains("kubectl -n orders exec pg-replica-2 --"))
        // `<pid>` in the Mitigation command has no label: it is reported, not silently left.
        let unfilled = (entry["unfilled"] as? [[String: Any]])?.compactMap { $0["raw"] as? String } ?? []
        #expect(unfilled.contains("<pid>"))
    }

    @Test func unknownEntrySuggestsNearIds() async throws {
        let result = try await CLIRunner.run(["show", "oncall.md#diskusagewarning", "--runbooks", "examples/runbooks"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("oncall.md#diskusagewarning-checkout-worker"))
    }

    @Test func malformedLabelIsAUsageError() async throws {
        let result = try await CLIRunner.run(["show", "x", "--runbooks", "examples/runbooks", "--label", "novalue"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("key=value"))
    }
}

struct SearchCommandTests {
    @Test func findsTheEntryByItsWords() async throws {
        let result = try await CLIRunner.run(["search", "--json", "examples/runbooks", "replica behind primary"])
        #expect(result.status == 0, "\(result.stderr)")
        let results = try #require(try result.json() as? [[String: Any]])
        #expect(results.first?["entry"] as? String == "alerts/PostgresReplicationLag.md#postgresreplicationlag")
    }

    @Test func needsAFolderAndAQuery() async throws {
        let result = try await CLIRunner.run(["search", "examples/runbooks"])
        #expect(result.status == 2)
    }
}

struct HelpTests {
    @Test(arguments: ["entries", "lint", "search", "show", "match"])
    func everyCommandHelpTeachesWithAnExample(command: String) async throws {
        let result = try await CLIRunner.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example"))
        #expect(result.stdout.contains("runbook \(command)"))
    }


    @Test func aMistypedIdSuggestsTheNearestAndPrintsNoUsage() async throws {
        let result = try await CLIRunner.run([
            "show", "oncall.md#diskusagewarning-checkout-workr", "--runbooks", "examples/runbooks",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean: oncall.md#diskusagewarning-checkout-worker"), "\(result.stderr)")
        #expect(!result.stderr.contains("Usage:"))
    }

    @Test func aUsageErrorStillPrintsTheUsage() async throws {
        let result = try await CLIRunner.run(["show", "oncall.md#x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Usage:"))
    }

    @Test func placeholdersInTheTitleAreFilled() async throws {
        let result = try await CLIRunner.run([
            "show", "memoryusagewarning-bastion-environment", "--runbooks", "examples/runbooks", "--json",
            "--label", "environment=qa",
        ])
        let entry = try #require(try result.json() as? [String: Any], "\(result.stderr)")
        #expect(entry["title"] as? String == "MemoryUsageWarning bastion-qa")
    }
}

struct ShowCommandCommandsTests {
    @Test func anInstanceInAHostPositionGivesTheHostAndCommandsAreListedWithoutOutput() async throws {
        let result = try await CLIRunner.run([
            "show", "oncall.md#diskusagewarning-checkout-worker", "--runbooks", "examples/runbooks",
            "--label", "instance=checkout-worker-3:9100",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ssh checkout-worker-3 'sudo systemctl restart checkout-worker'"))
        #expect(!result.stdout.contains("ssh checkout-worker-3:9100"))
        let commands = try #require(result.stdout.range(of: "COMMANDS"))
        let listed = result.stdout[commands.upperBound...]
        #expect(listed.contains("  df -h /\n"))
        #expect(!listed.contains("Filesystem"))
    }

    @Test func jsonGivesTheFirstCommandAndItsBlock() async throws {
        let result = try await CLIRunner.run([
            "show", "oncall.md#diskusagewarning-checkout-worker", "--runbooks", "examples/runbooks", "--json",
        ])
        let entry = try #require(try result.json() as? [String: Any])
        #expect(entry["command"] as? String == "df -h /")
        #expect((entry["block"] as? String)?.contains("Filesystem      Size") == true)
    }
}
