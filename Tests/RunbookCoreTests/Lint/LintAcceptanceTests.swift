import Foundation
import Testing

@testable import RunbookCore

@Suite(.enabled(if: SharedFixtures.available))
struct LintAcceptanceTests {
    static let runbooks: [Finding] = {
        guard let (library, files) = try? LintFolders.load(SharedFixtures.runbooks) else { return [] }
        return Linter().lint(library, existingFiles: files)
    }()

    static func findings(_ rule: String, in file: String) -> [Finding] {
        runbooks.filter { $0.rule == rule && $0.file == file }
    }

    @Test func findsTheBrokenAnchorInTheDataInfraTableOfContents() throws {
        let broken = Self.findings("broken-anchor", in: "data-infra-runbook.md")
        let finding = try #require(broken.first { $0.line == 6 })
        #expect(finding.severity == .error)
        #expect(finding.message.contains("#recover-from-non-critical-datasetmodel-build-failures"))
        #expect(broken.count == 1)
        // One fault, one finding: the stale table-of-contents link is not also a toc-out-of-date warning, and the
        // heading it meant (line 48) is not reported as missing from the table.
        let toc = Self.findings("toc-out-of-date", in: "data-infra-runbook.md").map(\.line)
        #expect(!toc.contains(6) && !toc.contains(48), "\(toc)")
    }

    @Test func findsTheGradingStub() {
        #expect(Self.findings("stub-entry", in: "devops-oncall.md").map(\.line).contains(427))
    }

    @Test func findsTheNAOnlyDiagnosis() {
        let stubs = Self.findings("stub-entry", in: "devops-oncall.md")
        #expect(stubs.contains {
            $0.message.contains("only 'N/A'") && $0.message.contains("AlternateInvalidAccessKey")
        })
    }

    @Test func suggestsTheBoiledKeyForTheRedditAlertHeading() throws {
        let finding = try #require(Self.findings("variable-heading", in: "devops-oncall.md").first { $0.line == 450 })
        let source = try String(contentsOf: SharedFixtures.runbooks.appendingPathComponent("devops-oncall.md"),
                                encoding: .utf8)
        let heading = source.split(separator: "\n", omittingEmptySubsequences: false)[449].dropFirst(4)
        let key = AlertKey.boil(String(heading))
        #expect(key.contains("DiskUsageWarning"))
        #expect(finding.message.contains("'\(key)'"))
        let lines = Set(Self.findings("variable-heading", in: "devops-oncall.md").map(\.line))
        #expect(lines.isSuperset(of: [179, 246, 289, 450]))
    }

    @Test func findsNoSecretsInTheRealRunbooks() {
        #expect(Self.runbooks.filter { $0.rule == "secret" }.isEmpty)
    }

    @Test func theDevOpsTableOfContentsIsInStep() {
        #expect(Self.findings("toc-out-of-date", in: "devops-oncall.md").isEmpty)
        #expect(Self.findings("toc-missing", in: "devops-oncall.md").isEmpty)
    }

    @Test func everyAlertEntryOfTheDevOpsDocumentHasBothParts() {
        #expect(Self.findings("missing-diagnosis", in: "devops-oncall.md").isEmpty)
        #expect(Self.findings("missing-mitigation", in: "devops-oncall.md").isEmpty)
    }

    @Test(arguments: ["prometheus-operator", "openshift", "gitlab"])
    func lintsEveryCorpusWithoutFlooding(corpus: String) throws {
        let (library, files) = try LintFolders.load(SharedFixtures.corpora.appendingPathComponent(corpus))
        let findings = Linter().lint(library, existingFiles: files)
        let counts = LintFolders.counts(findings)
        let documents = library.documents.count
        #expect(documents > 0)
        print("lint \(corpus): \(documents) documents, \(findings.count) findings", counts.sorted { $0.key < $1.key })
        #expect(Set(findings.map(\.file)).isSubset(of: Set(library.documents.map(\.file))))
        #expect((counts["broken-anchor"] ?? 0) * 20 <= documents)
        #expect((counts["secret"] ?? 0) <= 2)
        #expect((counts["variable-heading"] ?? 0) * 10 <= documents)
        #expect((counts["duplicate-key"] ?? 0) * 10 <= documents)
        #expect((counts["stub-entry"] ?? 0) * 4 <= documents)
    }
}
