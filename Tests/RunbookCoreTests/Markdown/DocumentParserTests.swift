import Testing

@testable import RunbookCore

/// Block-level constructs: which lines are headings, code, links, front matter.
struct DocumentParserTests {
    private func headings(_ source: String) -> [String] {
        DocumentParser.parse(source, file: "t.md").headings.map { "\($0.level) \($0.text)" }
    }

    @Test func atxHeadingsLoseClosingHashesAndAllowThreeSpacesOfIndent() {
        let source = "# One #\n   ## Two ##   \n    ### not a heading\n####### seven\n#no-space\n### C# ###\n"
        #expect(headings(source) == ["1 One", "2 Two", "3 C#"])
    }

    @Test func setextHeadingsTakeTheWholeParagraph() {
        let document = DocumentParser.parse("Title\n=====\n\nSub title\n---\n\ntext\n\n---\n", file: "t.md")
        #expect(document.headings.map(\.text) == ["Title", "Sub title"])
        #expect(document.headings.map(\.level) == [1, 2])
        #expect(document.headings.map(\.setext) == [true, true])
        #expect(document.headings.map(\.line) == [1, 4])
    }

    @Test func hashLinesInsideFencesAreNeverHeadings() {
        let source = """
        # Real
        ```bash
        # a comment
        ```
        ~~~~
        ## still code
        ```
        # still code, the fence needs four tildes
        ~~~~
        ````md
        ```
        # inside a longer fence
        ````
        """
        #expect(headings(source) == ["1 Real"])
        let blocks = DocumentParser.parse(source, file: "t.md").codeBlocks
        #expect(blocks.map(\.language) == ["bash", nil, "md"])
        #expect(blocks.map(\.line) == [2, 5, 10])
        #expect(blocks[1].text == "## still code\n```\n# still code, the fence needs four tildes")
    }

    @Test func unclosedFenceRunsToTheEnd() {
        let document = DocumentParser.parse("# A\n```\n# no\n## no\n", file: "t.md")
        #expect(document.headings.count == 1)
        #expect(document.codeBlocks.first?.text == "# no\n## no")
    }

    @Test func commentsFrontMatterAndQuotesHoldNoHeadings() {
        let source = """
        ---
        title: x
        # yaml comment
        ---
        <!--
        # commented out
        -->
        > # quoted
        > text
        # Kept
        """
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.map(\.text) == ["Kept"])
        #expect(document.headings.first?.line == 10)
        #expect(document.frontMatter == "title: x\n# yaml comment")
    }

    @Test func detailsContentStillCountsAsText() {
        let source = "# A\n\n<details>\n<summary>More</summary>\n\nHidden *detail* here.\n\n## Inside\n\n</details>\n"
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.map(\.text) == ["A", "Inside"])
        #expect(document.entries.first?.text.contains("Hidden detail here.") == true)
        #expect(document.entries.first?.text.contains("More") == true)
    }

    @Test func indentedCodeIsCodeButIndentedListContentIsNot() {
        let source = """
        Intro.

            indented code
            # not a heading

        1. Step one:

            ```sh
            kubectl get pods
            ```

            Continuation paragraph of the step.
        2. Step two
            - nested item
        """
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.codeBlocks.map(\.fenced) == [false, true])
        #expect(document.codeBlocks[0].text == "indented code\n# not a heading")
        #expect(document.codeBlocks[1].text == "kubectl get pods")
        #expect(document.codeBlocks[1].line == 8)
        #expect(document.headings.isEmpty)
    }

    @Test func linksReferenceLinksImagesAndAutolinksKeepTheirLines() {
        let source = """
        See [the guide](guide.md#setup "Guide") and ![graph](img/g.png).

        Also [the docs][docs], [Docs][] and <https://example.com/x>.
        | a | b |
        |---|---|
        | [cell](#anchor) | x |

        [docs]: https://docs.example.com
        """
        let links = DocumentParser.parse(source, file: "t.md").links
        #expect(links.map(\.destination) == [
            "guide.md#setup", "img/g.png", "https://docs.example.com", "https://docs.example.com",
            "https://example.com/x", "#anchor",
        ])
        #expect(links.map(\.line) == [1, 1, 3, 3, 3, 6])
        #expect(links.map(\.isImage) == [false, true, false, false, false, false])
        #expect(links.map(\.text) == ["the guide", "graph", "the docs", "Docs", "https://example.com/x", "cell"])
    }

    @Test func linesAreKeptWithoutTheirBreaks() {
        let document = DocumentParser.parse("a\r\nb\rc\n\nd\n", file: "t.md")
        #expect(document.lines == ["a", "b", "c", "", "d"])
    }

    @Test func anchorsCountEveryHeadingIncludingParts() {
        let source = "# Disk\n## Diagnosis\n# Disk\n## Diagnosis\n# Diagnosis 1\n"
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.map(\.anchor) == ["disk", "diagnosis", "disk-1", "diagnosis-1", "diagnosis-1-1"])
        #expect(document.headings.map(\.part) == [nil, .diagnosis, nil, .diagnosis, nil])
        #expect(document.entries.map(\.id) == ["t.md#disk", "t.md#disk-1", "t.md#diagnosis-1-1"])
    }

    @Test func headingMarkupIsReducedBeforeSlugging() {
        let source = """
        # `pg_txid_xmin_age` Saturation Alert
        ## [Linked](http://x) **bold** _it_ <br> text
        ## MemoryUsageWarning operations-<ENVIRONMENT>
        ## Tom &amp; Jerry&#39;s
        ## hubspot_xpro.tasks.sync_contact_with_hubspot
        """
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.map(\.anchor) == [
            "pg_txid_xmin_age-saturation-alert", "linked-bold-it--text", "memoryusagewarning-operations-environment",
            "tom--jerrys", "hubspot_xprotaskssync_contact_with_hubspot",
        ])
        #expect(document.headings[2].text == "MemoryUsageWarning operations-<ENVIRONMENT>")
        #expect(document.links.map(\.line) == [2])
    }

    @Test func tablesAreTextAndTheirDelimiterRowIsNoSetextUnderline() {
        let source = "# T\n\n| Alert | Action |\n|-------|--------|\n| Disk | clean up |\n"
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.count == 1)
        #expect(document.entries.first?.text == "Alert Action\nDisk clean up")
    }

    @Test func placeholdersWithSpacesInHeadingsAreText() {
        let source = "## Upgrade Node Pool <NODE POOL NAME>\n## Link <a name=\"x\"></a>here\n"
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.map(\.anchor) == ["upgrade-node-pool-node-pool-name", "link-here"])
    }

    @Test func fenceInsideADeepTabIndentedListDoesNotSwallowLaterHeadings() {
        let source = [
            "* Level one", "    * Level two", "        * Level three", "\t  * Tab item", "        * Another item",
            "        ```", "        PUT /index-<env>", "        ```", "        more text", "", "## After", "",
            "```", "code", "```", "### Later",
        ].joined(separator: "\n")
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.map(\.text) == ["After", "Later"])
        #expect(document.codeBlocks.map(\.text) == ["PUT /index-<env>", "code"])
        #expect(document.codeBlocks.map(\.line) == [6, 13])
    }

    @Test func quotesHoldCodeBlocksButNoHeadings() {
        let source = """
        # Entry
        > **Note** run this first:
        >
        > ```sh
        > # not a heading
        > kubectl get nodes
        > ```
        >> ## nested, not a heading
        """
        let document = DocumentParser.parse(source, file: "t.md")
        #expect(document.headings.map(\.text) == ["Entry"])
        #expect(document.codeBlocks.map(\.text) == ["# not a heading\nkubectl get nodes"])
        #expect(document.codeBlocks.map(\.line) == [4])
        let entry = document.entries[0]
        #expect(entry.commands.map(\.lines) == [["kubectl get nodes"]])
        #expect(entry.text == "Note run this first:\nnested, not a heading")
    }
}
