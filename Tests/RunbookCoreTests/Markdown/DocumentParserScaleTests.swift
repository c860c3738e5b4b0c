import Testing

@testable import RunbookCore

/// Large and adversarial inputs complete with the right structure (the parser has no quadratic paths).
struct DocumentParserScaleTests {
    @Test func twentyThousandRepeatedHeadingsGetUniqueAnchors() {
        let source = String(repeating: "## Disk full\ntext\n", count: 20_000)
        let document = DocumentParser.parse(source, file: "big.md")
        #expect(document.entries.count == 20_000)
        #expect(document.entries.last?.anchor == "disk-full-19999")
        #expect(Set(document.entries.map(\.id)).count == 20_000)
    }

    @Test(arguments: ["`", "[", "[a](", "<a ", "_a_", "![", "&#", "<!--", "$<X", "{{"])
    func oneMegabyteLineOfOneConstructParses(unit: String) {
        let line = String(repeating: unit, count: 1_000_000 / unit.utf8.count)
        let document = DocumentParser.parse("# Title\n" + line + "\n", file: "line.md")
        #expect(document.lines.count == 2)
        #expect(document.entries.count == 1)
    }

    @Test func deeplyNestedBracketsAndImagesStayLinear() {
        let depth = 100_000
        let nested = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
        let images = String(repeating: "![", count: depth) + "x" + String(repeating: "](i)", count: depth)
        let document = DocumentParser.parse("# A\n" + nested + "\n\n" + images + "\n", file: "n.md")
        #expect(document.entries.first?.text.hasPrefix("[[[") == true)
        #expect(document.links.count > 0)
    }

    @Test func longContinuationsAndHereDocumentsStayLinear() {
        let continued = "deploy \\\n" + String(repeating: "--flag \\\n", count: 50_000) + "end\n"
        let heredoc = "cat <<EOF\n" + String(repeating: "line\n", count: 50_000) + "EOF\n"
        let session = "$ cat <<EOF\n" + String(repeating: "> line\n", count: 50_000) + "> EOF\n"
        let source = "# A\n```\n\(continued)```\n```\n\(heredoc)```\n```console\n\(session)```\n"
        let commands = DocumentParser.parse(source, file: "c.md").entries.first?.commands ?? []
        #expect(commands.map { $0.lines.count } == [1, 1, 1])
    }

    @Test func deepListsQuotesAndLongDocumentsParse() {
        var lines: [String] = []
        for depth in 0..<5_000 { lines.append(String(repeating: " ", count: depth * 2) + "- item \(depth)") }
        lines.append(String(repeating: ">", count: 50_000) + " deep quote")
        lines += Array(repeating: "| a | b |\n|---|---|\n| 1 | 2 |", count: 2_000)
        let document = DocumentParser.parse("# Top\n" + lines.joined(separator: "\n"), file: "deep.md")
        #expect(document.entries.count == 1)
        #expect(document.headings.count == 1)
    }
}
