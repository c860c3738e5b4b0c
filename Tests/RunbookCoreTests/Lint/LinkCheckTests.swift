import Testing

@testable import RunbookCore

struct LinkCheckTests {
    static func library() -> Library {
        var ops = LintDocumentBuilder("team/ops.md")
        ops.heading(1, "Operations")
        ops.text("<a name=\"pinned\"></a>Pinned notes about the service and where its logs live.")
        ops.heading(2, "Hot-deploying rollbacks")
        ops.text("See [rollbacks](#hot-deploying-rollbacks), [pinned](#pinned) and [logs](../shared/logs.md#where).")
        ops.text("Broken: [model failures](#recover-from-model-failures) and [gone](#nothing-like-it-here).")
        ops.text("Files: [cli](cli_examples.md), [diagram](images/flow.png), [site](https://example.com/x.md).")
        ops.text("Other doc anchor: [deploy](../shared/logs.md#deploy-steps) and [up](../../x.md).")
        ops.heading(2, "Recover from dataset/model failures")
        ops.text("Comment out the failing dataset, then clear the downstream jobs on Airflow.")
        var logs = LintDocumentBuilder("shared/logs.md")
        logs.heading(1, "Where")
        logs.text("Logs are shipped to the central cluster and kept for thirty days there.")
        return .of(ops, logs)
    }

    @Test func reportsAnchorsThatNoHeadingHas() throws {
        let findings = Linter().lint(Self.library(), existingFiles: ["team/ops.md", "shared/logs.md"])
        #expect(findings.locations("broken-anchor") == ["team/ops.md:5", "team/ops.md:5", "team/ops.md:7"])
        let messages = findings.filter { $0.rule == "broken-anchor" }.map(\.message)
        #expect(messages[0].contains("did you mean #recover-from-datasetmodel-failures?")
            || messages[1].contains("did you mean #recover-from-datasetmodel-failures?"))
        #expect(messages[2].contains("shared/logs.md"))
        #expect(findings.allSatisfy { $0.rule != "broken-anchor" || $0.severity == .error })
    }

    @Test func reportsMissingFilesWhenTheFileListIsKnown() throws {
        let existing: Set<String> = ["team/ops.md", "shared/logs.md", "team/images/flow.png"]
        let findings = Linter().lint(Self.library(), existingFiles: existing)
        #expect(findings.locations("broken-file-link") == ["team/ops.md:6"])
        let finding = try #require(findings.first { $0.rule == "broken-file-link" })
        #expect(finding.message.contains("team/cli_examples.md"))
        let withoutImage = Linter().lint(Self.library(), existingFiles: ["team/ops.md", "shared/logs.md"])
        #expect(withoutImage.locations("broken-file-link") == ["team/ops.md:6", "team/ops.md:6"])
    }

    @Test func checksOnlyMarkdownTargetsWithoutAFileList() {
        let findings = Linter().lint(Self.library())
        #expect(findings.locations("broken-file-link") == ["team/ops.md:6"])
    }

    @Test func aLinkToAFolderIsFine() {
        var doc = LintDocumentBuilder("a.md")
        doc.heading(1, "Index")
        doc.text("See [the scripts](scripts/) and [the docs](./docs).")
        let findings = Linter().lint(.of(doc), existingFiles: ["a.md", "scripts/run.sh", "docs/x/y.md"])
        #expect(findings.locations("broken-file-link").isEmpty)
    }

    static func readme() -> Library {
        var doc = LintDocumentBuilder("readme.md")
        doc.heading(1, "Connector")
        doc.text("[parser](backend/src/Parser.scala), [api](./api/src/main/scala), [infra](./infra/prod/main.tf)")
        doc.text("Up: [build](../build.gradle), [guide](guide.md), [diagram](images/flow.png).")
        return .of(doc)
    }

    @Test func linksToTheRepositorysCodeAreNotTheLibrarysBusiness() {
        let findings = Linter().lint(Self.readme(), existingFiles: ["readme.md"])
        // The missing Markdown file and image stay errors; code, folders and paths outside the library do not.
        #expect(findings.locations("broken-file-link") == ["readme.md:3", "readme.md:3"])
        #expect(findings.filter { $0.rule == "broken-file-link" }.allSatisfy {
            $0.message.contains("guide.md") || $0.message.contains("images/flow.png")
        })
    }

    @Test func withTheRepositoryCodeLinksAreCheckedAgainstIt() throws {
        let repository = LintRepository(
            files: ["build.gradle", "connector/readme.md", "connector/api/src/main/scala/Api.scala",
                    "connector/backend/src/Parser.scala"],
            documentPaths: ["readme.md": "connector/readme.md"]
        )
        let linter = Linter(configuration: LintConfiguration(repository: repository))
        let findings = linter.lint(Self.readme(), existingFiles: ["readme.md"])
        let codeFindings = findings.filter { $0.rule == "broken-file-link" && $0.message.contains("--repo-root") }
        #expect(codeFindings.map(\.message).count == 1)
        #expect(codeFindings.first?.message.contains("./infra/prod/main.tf") == true)
        #expect(codeFindings.first?.severity == .error)
    }
}
