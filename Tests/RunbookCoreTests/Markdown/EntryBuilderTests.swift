import Testing

@testable import RunbookCore

/// Sections, entries, aliases and parts, through ``DocumentParser``.
struct EntryBuilderTests {
    private func entries(_ source: String) -> [Entry] {
        DocumentParser.parse(source, file: "ops/t.md").entries
    }

    @Test func sectionsFormATreeWithPathsAndParents() {
        let source = "# Service\n## Database\n### Replica lag\n## Cache\n# Other\n"
        let entries = entries(source)
        #expect(entries.map(\.id) == [
            "ops/t.md#service", "ops/t.md#database", "ops/t.md#replica-lag", "ops/t.md#cache", "ops/t.md#other",
        ])
        #expect(entries.map(\.parentID) == [nil, "ops/t.md#service", "ops/t.md#database", "ops/t.md#service", nil])
        #expect(entries[2].path == ["Service", "Database"])
        #expect(entries.map(\.level) == [1, 2, 3, 2, 1])
    }

    @Test func consecutiveHeadingsOfOneLevelAreAliases() {
        let source = "## Parent\n### Alert A\n\n### Alert B\n### Alert C\nBody.\n### Next\n#### Child\n"
        let entries = entries(source)
        #expect(entries.map(\.anchor) == ["parent", "alert-a", "next", "child"])
        #expect(entries[1].aliases == ["Alert B", "Alert C"])
        #expect(entries[1].markdown == "Body.")
        #expect(entries[1].line == 2)
        #expect(entries[2].aliases.isEmpty)
    }

    @Test func headingsWithTextBetweenAreNotAliases() {
        let entries = entries("### A\ntext\n### B\n")
        #expect(entries.map(\.aliases) == [[], []])
    }

    @Test func partHeadingsAndTheirSubHeadingsBelongToTheEntry() {
        let source = """
        # KubeThingDown
        Summary line.
        ## Meaning
        It means things.
        ## Diagnosis
        ### Check the pods
        ```bash
        kubectl get pods -n $NAMESPACE
        ```
        ## Mitigation:
        #### Restart
        Restart it.
        ## Notes
        Extra.
        """
        let entries = entries(source)
        #expect(entries.map(\.anchor) == ["kubethingdown", "notes"])
        let entry = entries[0]
        #expect(entry.parts.map(\.kind) == [.meaning, .diagnosis, .mitigation])
        #expect(entry.parts.map(\.style) == [.heading, .heading, .heading])
        #expect(entry.parts.map(\.title) == ["Meaning", "Diagnosis", "Mitigation:"])
        #expect(entry.parts[1].commands.map(\.lines) == [["kubectl get pods -n $NAMESPACE"]])
        #expect(entry.parts[1].text == "Check the pods")
        #expect(entry.parts[2].markdown == "#### Restart\nRestart it.")
        #expect(entry.commands.count == 1)
        #expect(entry.text.contains("Summary line.") && entry.text.contains("Restart it."))
        #expect(!entry.text.contains("kubectl"))
        #expect(entry.endLine == 12)
        #expect(entries[1].parentID == entry.id)
    }

    @Test(arguments: [
        "_Diagnosis_", "**Diagnosis**", "*Diagnosis*", "__Diagnosis__", "**Diagnosis:**", "**Diagnosis**:",
        "_Diagnosis_:", "Diagnosis:", "DIAGNOSIS:",
    ])
    func labelsAloneOnALineOpenParts(label: String) {
        let source = "### Disk full\n\n\(label)\n\nLook at df.\n\n**Mitigation**\nClean up.\n"
        let entry = entries(source)[0]
        #expect(entry.parts.map(\.kind) == [.diagnosis, .mitigation])
        #expect(entry.parts[0].title == (label.hasPrefix("D") ? String(label.dropLast()) : "Diagnosis"))
        #expect(entry.parts[0].text == "Look at df.")
        #expect(entry.parts[0].line == 3)
        #expect(entry.parts[1].text == "Clean up.")
        #expect(entry.parts[1].style == .emphasis)
    }

    @Test func colonLabelMayCarryTextOnItsLine() {
        let entry = entries("## Queue stuck\nDiagnosis: check the `queue` depth.\nMore.\n\nMitigation: drain it.\n")[0]
        #expect(entry.parts.map(\.style) == [.colon, .colon])
        #expect(entry.parts[0].text == "check the queue depth.\nMore.")
        #expect(entry.parts[0].markdown == "check the `queue` depth.\nMore.")
        #expect(entry.parts[1].text == "drain it.")
    }

    @Test func emphasisInsideSentencesIsNotAPart() {
        let entry = entries("## X\n_Diagnosis_ is hard, said **Mitigation** people.\n\nThe impact: none.\n")[0]
        #expect(entry.parts.isEmpty)
    }

    @Test func aPartEndsAtAChildEntryHeading() {
        let source = "## Service\n_Diagnosis_\nLook.\n### Sub problem\n_Mitigation_\nFix.\n"
        let entries = entries(source)
        #expect(entries.map(\.anchor) == ["service", "sub-problem"])
        #expect(entries[0].parts.map(\.kind) == [.diagnosis])
        #expect(entries[0].parts[0].markdown == "Look.")
        #expect(entries[0].endLine == 3)
        #expect(entries[1].parts.map(\.kind) == [.mitigation])
    }

    @Test func partHeadingAtAnEntrysLevelBelongsToTheEnclosingEntry() {
        let source = "# Runbook\n## Alert one\ntext\n## Escalation\nCall Bob.\n"
        let entries = entries(source)
        #expect(entries.map(\.anchor) == ["runbook", "alert-one"])
        #expect(entries[0].parts.map(\.kind) == [.escalation])
        #expect(entries[0].text.contains("Call Bob."))
        #expect(entries[1].parts.isEmpty)
        #expect(entries[1].endLine == 3)
    }

    @Test func contentBeforeTheFirstHeadingBelongsToNoEntry() {
        let document = DocumentParser.parse("Preamble with [link](#steps).\n\n## Steps\nDo it.\n", file: "t.md")
        #expect(document.entries.map(\.id) == ["t.md#steps"])
        #expect(document.entries[0].text == "Do it.")
        #expect(document.links.count == 1)
    }

    @Test func entryMarkdownIsItsOwnBodyUpToTheFirstChild() {
        let source = "# Top\n\nIntro *text*.\n\n```\nls\n```\n\n## Child\nChild text.\n"
        let top = entries(source)[0]
        #expect(top.markdown == "Intro *text*.\n\n```\nls\n```")
        #expect(top.text == "Intro text.")
        #expect(top.endLine == 7)
        #expect(top.commands.map(\.lines) == [["ls"]])
    }

    @Test func emptyHeadingsOpenNoEntry() {
        let entries = entries("# A\n#\ntext\n## B\n")
        #expect(entries.map(\.anchor) == ["a", "b"])
        #expect(entries[0].text == "text")
    }
}
