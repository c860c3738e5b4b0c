import Testing

@testable import RunbookCore

struct ChatQuestionsTests {
    @Test(arguments: [
        ("The export failed twice. How do I pause it? Thanks!", ["How do I pause it"]),
        ("Disk at 91%.\nwhich host runs the sentinel?\nand why?", ["which host runs the sentinel", "and why"]),
        ("Is the replica behind? Or is it the primary?", ["Is the replica behind", "Or is it the primary"]),
        // Windows line breaks, and a question that ends the text after a non-ASCII word.
        ("Paged at 03:10.\r\nWho owns the pgbouncer pool?\r\nthanks", ["Who owns the pgbouncer pool"]),
        ("Ist die Replik für café-db zurück?", ["Ist die Replik für café-db zurück"]),
        // Not questions: a URL's query (a `?` inside a word), and a text without any `?`.
        ("See https://grafana.example/d/x?orgId=1&from=now-1h for the panel.", []),
        ("rate(errors[5m]) > 0.5 on api-7", []),
    ])
    func findsTheQuestions(text: String, expected: [String]) {
        #expect(ChatQuestions.questions(in: text).map(String.init) == expected)
        #expect(ChatQuestions.hasQuestion(text) == !expected.isEmpty)
    }

    @Test func aQuestionsWordsCountTwice() throws {
        var query = MatchQuery()
        query.add("Disk at 91% on db-7. How do I pause the export?", field: "text", weight: 1.0, bigrams: true)
        query.emphasizeQuestions(of: ["Disk at 91% on db-7. How do I pause the export?"])
        let pause = try #require(query.terms.first { $0.term == "paus" })
        let disk = try #require(query.terms.first { $0.term == "disk" })
        #expect(pause.weight == 2.0)
        #expect(pause.field == "question")
        #expect(disk.weight == 1.0)
        #expect(disk.field == "text")
    }

    /// The message's report meets the sections on disks and replication; its question, the one on pausing.
    @Test func theSectionThatAnswersTheQuestionComesFirst() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("export.md", "Pausing the nightly export",
                                text: "Suspend the export job until the morning with the scheduler's pause command."),
            MatchFixtures.entry("disk.md", "Disk almost full on database hosts",
                                text: "When the disk of a database host is over 90%, the nightly export has often "
                                    + "failed and left files behind; the replica lags while it is cleaned."),
            MatchFixtures.entry("lag.md", "Replica lag", text: "The replica lags behind the primary."),
        ])
        let alert = MatchFixtures.alert(
            title: "The nightly export on db-7 has failed three times since 02:00, the disk is at 91% and the "
                + "replica lags. How do I pause the export until morning?")
        #expect(MatchIndex(library: library).match(alert).first?.entry == "export.md#pausing-the-nightly-export")
    }
}
