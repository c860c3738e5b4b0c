import Foundation
import Testing

struct LintCommandTests {
    @Test func exampleLibraryHasNoErrors() async throws {
        let result = try await CLIRunner.run(["lint", "--format", "json", "examples/runbooks"])
        #expect(result.status == 0, "\(result.stdout)")
        let report = try #require(try result.json() as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.contains { $0["severity"] as? String == "error" })
        // The demo library shows a stub on purpose.
        #expect(findings.contains { $0["rule"] as? String == "stub-entry" })
    }

    @Test func brokenLibraryExitsOneAndNamesEachProblem() async throws {
        let folder = CLIRunner.fixtures.appendingPathComponent("broken").path
        let result = try await CLIRunner.run(["lint", "--format", "json", folder])
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

    @Test func textFormatIsFileLineSeverityRuleMessage() async throws {
        let folder = CLIRunner.fixtures.appendingPathComponent("broken").path
        let result = try await CLIRunner.run(["lint", folder])
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains(" secret ") })
        #expect(line.hasPrefix("oncall.md:23: error secret "))
    }

    @Test func sarifOutputIsVersion210() async throws {
        let folder = CLIRunner.fixtures.appendingPathComponent("broken").path
        let result = try await CLIRunner.run(["lint", "--format", "sarif", folder])
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

    @Test func githubAnnotationsNameTheFileFromTheRepositoryRoot() async throws {
        let result = try await CLIRunner.run(["lint", "--format", "github", "Tests/RunbookCLITests/Fixtures/broken"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=Tests/RunbookCLITests/Fixtures/broken/oncall.md,line=23,"))
    }

    @Test func unknownFormatIsAUsageError() async throws {
        let result = try await CLIRunner.run(["lint", "--format", "xml", "examples/runbooks"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("xml"))
    }


    @Test func theSummaryComesAfterTheFindingsWhenBothStreamsShareOnePipe() async throws {
        let result = try await CLIRunner.runMerged(["lint", CLIRunner.fixtures.appendingPathComponent("broken").path])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.last?.contains("finding(s)") == true, "\(result.stdout)")
        #expect(lines.dropLast().allSatisfy { !$0.contains("finding(s)") })
    }

    @Test func aFolderWithoutMarkdownIsAnErrorNamingIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await CLIRunner.run(["lint", folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'\(folder.path)' holds no Markdown (.md) files"), "\(result.stderr)")
        #expect(!result.stderr.contains("Usage:"))
    }

    @Test func aSingleFileIsLintedLikeAFolderOfOne() async throws {
        let file = CLIRunner.fixtures.appendingPathComponent("broken/oncall.md").path
        let result = try await CLIRunner.run(["lint", "--format", "json", file])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try result.json() as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "secret" && $0["file"] as? String == "oncall.md" })
        let entries = try await CLIRunner.run(["entries", file])
        #expect(entries.status == 0, "\(entries.stderr)")
        #expect(entries.stdout.hasPrefix("oncall.md#"))
    }

    /// The shared runbooks: only real faults remain. Links to the connector's code are not the library's business,
    /// the stale table-of-contents link is one finding, and the style guide's example alert is text, not bash.
    @Test(.enabled(
        if: FileManager.default.fileExists(atPath: CLIRunner.sharedRunbooks.path),
        "needs ../shared/runbooks beside the package, as CI lays it out"))
    func theSharedRunbooksReportOnlyRealFaults() async throws {
        let result = try await CLIRunner.run(["lint", "--format", "json", CLIRunner.sharedRunbooks.path])
        let report = try #require(try result.json() as? [String: Any], "\(result.stderr)")
        let findings = try #require(report["findings"] as? [[String: Any]])
        func at(_ file: String, _ line: Int) -> [String] {
            findings.filter { $0["file"] as? String == file && $0["line"] as? Int == line }
                .compactMap { $0["rule"] as? String }
        }
        #expect(!findings.contains { ($0["message"] as? String ?? "").contains("main.tf") })
        #expect(!findings.contains { ($0["message"] as? String ?? "").contains("src/main/scala") })
        #expect(at("data-infra-runbook.md", 6) == ["broken-anchor"])
        #expect(at("data-infra-runbook.md", 48).isEmpty)
        let example = try #require(findings.first {
            $0["file"] as? String == "devops-oncall.md" && $0["line"] as? Int == 29
        })
        #expect((example["message"] as? String)?.hasSuffix("```text.") == true)
        // The missing Markdown files and images are still errors.
        #expect(at("data-infra-runbook.md", 32) == ["broken-file-link"])
        #expect(at("data-infra-runbook.md", 122) == ["broken-file-link"])
    }

    @Test func repoRootChecksLinksToTheRepositorysCode() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-repo-\(UUID().uuidString)")
        let docs = root.appendingPathComponent("docs")
        let src = root.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: src, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("print(1)\n".utf8).write(to: root.appendingPathComponent("src/main.py"))
        let readme = "# Service\n\nCode: [main](../src/main.py), [gone](../src/gone.py), [infra](./infra/main.tf).\n"
        try Data(readme.utf8).write(to: docs.appendingPathComponent("README.md"))
        let without = try await CLIRunner.run(["lint", docs.path])
        #expect(without.status == 0, "\(without.stdout)")
        let with = try await CLIRunner.run(["lint", "--repo-root", root.path, docs.path])
        #expect(with.status == 1)
        let broken = with.stdout.split(separator: "\n").filter { $0.contains("broken-file-link") }
        #expect(broken.count == 2, "\(with.stdout)")
        #expect(broken.contains { $0.contains("../src/gone.py") } && broken.contains { $0.contains("./infra/main.tf") })
    }
}
