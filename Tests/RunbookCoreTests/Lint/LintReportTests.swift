import Foundation
import Testing

@testable import RunbookCore

struct LintReportTests {
    static let findings = [
        Finding(rule: "secret", severity: .error, file: "ops/db.md", line: 12,
                message: "Password in a URL pasted into the document (hunt…); revoke it, \"quote\" \\ and 100%"),
        Finding(rule: "stub-entry", severity: .warning, file: "a, b:c.md", line: 3, message: "line one\nline two\r"),
        Finding(rule: "code-language", severity: .info, file: "x.md", line: 7, message: "Code block has no language"),
    ]

    @Test func textWritesOneLinePerFinding() {
        let text = LintReport.render(Self.findings, format: .text, toolVersion: "1")
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ops/db.md:12: error secret Password in a URL"))
        #expect(lines[1] == "a, b:c.md:3: warning stub-entry line one line two")
        #expect(lines[2] == "x.md:7: info code-language Code block has no language")
    }

    @Test func textOfNoFindingsIsEmpty() {
        #expect(LintReport.render([], format: .text, toolVersion: "1").isEmpty)
    }

    @Test func jsonParsesBackToTheFindings() throws {
        let json = LintReport.render(Self.findings, format: .json, toolVersion: "1")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(object["findings"] as? [[String: Any]])
        #expect(items.count == 3)
        for (item, finding) in zip(items, Self.findings) {
            #expect(item["rule"] as? String == finding.rule)
            #expect(item["severity"] as? String == finding.severity.rawValue)
            #expect(item["file"] as? String == finding.file)
            #expect(item["line"] as? Int == finding.line)
            #expect(item["message"] as? String == finding.message)
        }
    }

    @Test func jsonKeepsKeysInContractOrder() throws {
        let json = LintReport.render([Self.findings[2]], format: .json, toolVersion: "1")
        let positions = ["\"rule\"", "\"severity\"", "\"file\"", "\"line\"", "\"message\""].map { key in
            json.range(of: key).map { json.distance(from: json.startIndex, to: $0.lowerBound) } ?? -1
        }
        #expect(positions == positions.sorted() && !positions.contains(-1))
    }

    @Test func jsonOfNoFindingsIsAnEmptyList() throws {
        let json = LintReport.render([], format: .json, toolVersion: "1")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func sarifHasTheRequiredFields() throws {
        let sarif = LintReport.render(Self.findings, format: .sarif, toolVersion: "0.3.1")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "runbook")
        #expect(driver["version"] as? String == "0.3.1")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == LintRule.all.map(\.id))
        #expect(rules.allSatisfy { (($0["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["level"] as? String } == ["error", "warning", "note"])
        #expect(results.compactMap { $0["ruleId"] as? String } == ["secret", "stub-entry", "code-language"])
        let first = results[0]
        #expect((first["message"] as? [String: Any])?["text"] as? String == Self.findings[0].message)
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"]
            as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "ops/db.md")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 12)
        let ruleIndex = try #require(first["ruleIndex"] as? Int)
        #expect(rules[ruleIndex]["id"] as? String == "secret")
    }

    @Test func sarifEncodesPathsAsURIReferences() {
        #expect(LintReport.uri("team docs/ops#1.md") == "team%20docs/ops%231.md")
        #expect(LintReport.uri("runbooks/été.md") == "runbooks/%C3%A9t%C3%A9.md")
    }

    @Test func githubWritesOneCommandPerFindingBySeverity() {
        let lines = LintReport.render(Self.findings, format: .github, toolVersion: "1")
            .split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("::error file=ops/db.md,line=12,title=secret::Password in a URL"))
        #expect(lines[0].hasSuffix("and 100%25"))
        #expect(lines[1] == "::warning file=a%2C b%3Ac.md,line=3,title=stub-entry::line one%0Aline two%0D")
        #expect(lines[2] == "::notice file=x.md,line=7,title=code-language::Code block has no language")
    }

    @Test(arguments: [
        ("100%", "100%25", "100%25"), ("a:b,c", "a:b,c", "a%3Ab%2Cc"), ("x\r\ny", "x%0D%0Ay", "x%0D%0Ay"),
        ("%3A", "%253A", "%253A"),
    ])
    func githubEscapesDataAndProperties(raw: String, data: String, property: String) {
        #expect(LintReport.escapeData(raw) == data)
        #expect(LintReport.escapeProperty(raw) == property)
    }

    @Test func everyFormatHasARenderer() {
        for format in LintFormat.allCases {
            #expect(!LintReport.render(Self.findings, format: format, toolVersion: "1").isEmpty)
        }
    }
}
