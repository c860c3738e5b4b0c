import Testing

@testable import RunbookCore

/// Runbooks paste the error lines an alert or a log shows (`ERROR: invalid page in block 0`) in code blocks; the
/// matcher reads those lines, and only those, as the text of the section that pastes them.
struct QuotedErrorTests {
    static let markdown = """
        # Data corruption

        Disks, RAID controllers and memory can all corrupt pages.

        ## Detecting it

        With data checksums on, the logs show:

        ```
        WARNING: page verification failed, calculated checksum 726 but expected 827
        ERROR: invalid page in block 0 of relation base/16401/33909
        ```

        ## Repairing a table

        ```shell
        $ grep -c error /var/log/postgresql/main.log
        vacuumdb --all --analyze
        ```
        """

    @Test func readsErrorLinesOfTheEntrysOwnBlocksOnly() throws {
        let document = DocumentParser.parse(QuotedErrorTests.markdown, file: "db/corruption.md")
        let detecting = try #require(document.entries.first { $0.title == "Detecting it" })
        #expect(EntryFields.quotedErrors(detecting, document) == [
            "WARNING: page verification failed, calculated checksum 726 but expected 827",
            "ERROR: invalid page in block 0 of relation base/16401/33909",
        ])
        let top = try #require(document.entries.first { $0.title == "Data corruption" })
        #expect(EntryFields.quotedErrors(top, document).isEmpty)
        // A command that mentions errors is not an error line.
        let repairing = try #require(document.entries.first { $0.title == "Repairing a table" })
        #expect(EntryFields.quotedErrors(repairing, document).isEmpty)
    }

    @Test func anAlertQuotingTheErrorFindsTheSectionThatPastesIt() throws {
        let document = DocumentParser.parse(QuotedErrorTests.markdown, file: "db/corruption.md")
        let index = MatchIndex(library: Library(documents: [document]))
        let alert = MatchFixtures.alert(
            name: "InvalidPageErrors", title: "Checksum verification failed",
            annotations: ["description": "invalid page in block 7 of relation base/16401/33911"])
        let best = try #require(index.match(alert).first)
        #expect(best.entry == "db/corruption.md#detecting-it")
    }
}
