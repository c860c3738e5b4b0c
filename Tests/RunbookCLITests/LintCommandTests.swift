import Foundation
import Testing

struct LintCommandTests {
    @Test func exampleLibraryHasNoErrors() throws {
        let result = try CLIRunner.run(["lint", "--format", "json", "examples/runbooks"])
        #expect(result.status == 0, "\(result.stdout)")
        let report = try #require(try result.json() as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.contains { $0["severity"] as? String == "error" })
        // The demo library shows a stub on purpose.
        #expect(findings.contains { $0["rule"] as? String == "stub-entry" })
    }

    @Test func brokenLibraryExitsOneAndNamesEachProblem() throws {
        let folder = CLIRunner.fixtures.appendingPathComponent("broken").path
        let result = try CLIRunner.run(["lint", "--format", "json", folder])
        #expect(result.status == 1)
        let report = try #require(try result.json() as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        for rule in ["broken-anchor", "broken-file-link", "missing-mitigation", "variable-heading", "secret",
                     "code-language", "duplicate-key"] {
            #expect(rules.contains(rule), "no \(rule) finding in \(rules.sorted())")
        }
        let secret = try #require(findings.first { $0["rule"] as? String == "secret" })
        #expect(secret["file"] as? String == "oncall.md")
        #expect(secret["line"] as? Int == 23)
        #expect(!(secret["message"] as? String ?? "").contains("AKIAZ7Q2XK4MPLW3RT9B"))
    }

    @Test func textFormatIsFileLineSeverityRuleMessage() throws {
        let folder = CLIRunner.fixtures.appendingPathComponent("broken").path
        let result = try CLIRunner.run(["lint", folder])
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains(" secret ") })
        #expect(line.hasPrefix("oncall.md:23: error secret "))
    }

    @Test func sarifOutputIsVersion210() throws {
        let folder = CLIRunner.fixtures.appendingPathComponent("broken").path
        let result = try CLIRunner.run(["lint", "--format", "sarif", folder])
        let sarif = try #require(try result.json() as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        // Locations are paths as given on the command line, so code scanning can place them in the repository.
        let uris = results.compactMap {
            (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                .flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
        }
        #expect(uris.contains("\(folder)/oncall.md"))
    }

    @Test func githubAnnotationsNameTheFileFromTheRepositoryRoot() throws {
        let result = try CLIRunner.run(["lint", "--format", "github", "Tests/RunbookCLITests/Fixtures/broken"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=Tests/RunbookCLITests/Fixtures/broken/oncall.md,line=23,"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try CLIRunner.run(["lint", "--format", "xml", "examples/runbooks"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("xml"))
    }
}
