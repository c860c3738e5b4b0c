import Foundation
import Testing

@testable import RunbookCore

struct CodeSpansTests {
    @Test(arguments: [
        ("Ran `storage_rebalance.rb`; `ls /var/opt` shows the old dirs", ["storage_rebalance.rb", "ls /var/opt"]),
        ("`ssh deploy-01` times out", ["ssh deploy-01"]),
        // Not spans: a fenced block, a pair of backticks around nothing, a backtick left open, one closed on the
        // next line, a paste longer than a command.
        ("```\nkubectl get pods\n```", []),
        ("an empty `` pair", []),
        ("the `redis-cli call hangs", []),
        ("see `first line\nsecond` here", []),
        ("`" + String(repeating: "x", count: 81) + "`", []),
    ])
    func findsTheSpans(text: String, expected: [String]) {
        #expect(CodeSpans.spans(in: text).map(String.init) == expected)
    }

    @Test func aSpansWordsCountMore() throws {
        let text = "The chefspec job is slow since `bundle exec rspec` loads every cookbook. Why so slow?"
        var query = MatchQuery()
        query.add(text, field: "text", weight: 1.0, bigrams: true)
        query.emphasizeQuestions(of: [text])
        query.emphasizeCodeSpans(of: [text])
        let rspec = try #require(query.terms.first { $0.term == "rspec" })
        #expect(rspec.weight == CodeSpans.weight)
        #expect(rspec.field == "code")
        let cookbook = try #require(query.terms.first { $0.term == "cookbook" })
        #expect(cookbook.weight == 1.0)
        // A word of a question is raised once, as a question's.
        let slow = try #require(query.terms.first { $0.term == "slow" })
        #expect(slow.weight == ChatQuestions.weight)
        #expect(slow.field == "question")
    }

    /// The message's report meets the section on failed imports as well; the command it quotes, the one about
    /// that command. Without the backticks the failed imports' section comes first.
    @Test(arguments: [(true, "import.md#listing-groups"), (false, "import.md#import-fails")])
    func theSectionOfTheQuotedCommandComesFirst(quoted: Bool, expected: String) throws {
        let markdown = """
            # Namespace import

            ## Import fails

            If the import of a namespace fails, check that the database is read-write and the file servers are mounted.

            ## Listing groups

            Congregate lists the groups to import; it needs an admin token of the restored instance.
            """
        let index = MatchIndex(library: Library(documents: [DocumentParser.parse(markdown, file: "import.md")]))
        let command = quoted ? "`congregate list`" : "congregate list"
        let message = "namespace import after the restore: the database is read-write, but \(command) fails on the "
            + "restored instance"
        // A chat message, as `runbook match` and the text ingest read it.
        let alert = try #require(try AlertDecoder.decode(Data(message.utf8), format: .text, receivedAt: Date()).first)
        #expect(try #require(index.match(alert).first).entry == expected)
    }
}
