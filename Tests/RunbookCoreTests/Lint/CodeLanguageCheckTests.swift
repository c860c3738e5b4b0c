import Testing

@testable import RunbookCore

struct CodeLanguageCheckTests {
    private func suggestion(_ body: [String]) throws -> String {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(1, "Style Guide")
        doc.text("Boil an alert down to its searchable text. For instance:")
        doc.code(nil, body)
        let finding = try #require(Linter().lint(.of(doc)).first { $0.rule == "code-language" })
        return finding.message
    }

    @Test func anExampleAlertIsToldToBeTextNotBash() throws {
        let message = try suggestion(["\"[Prometheus]: [FIRING:1] DiskUsageWarning mitx-production (xqwatcher)\""])
        #expect(message.hasSuffix("e.g. ```text."), "\(message)")
    }

    @Test func aLogLineIsText() throws {
        #expect(try suggestion(["2024-05-01T12:00:03Z ERROR worker lost its lease"]).hasSuffix("```text."))
    }

    @Test func aCommandIsBashAndASessionIsConsole() throws {
        #expect(try suggestion(["salt reddit-production* state.sls reddit.config"]).hasSuffix("```bash."))
        #expect(try suggestion(["root@ip-10-1-3-33:~# free -h", "Mem: 7.5G"]).hasSuffix("```console."))
    }

    @Test func aGraphQLQueryIsGraphQL() throws {
        #expect(try suggestion(["{", "  transaction(transactionId: \"f7\") {", "    name", "  }", "}"])
            .hasSuffix("```graphql."))
    }
}
