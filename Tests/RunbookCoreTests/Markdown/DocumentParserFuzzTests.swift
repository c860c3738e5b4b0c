import Testing

@testable import RunbookCore

/// Property tests: generated, truncated and random documents never crash the parser and keep its invariants.
struct DocumentParserFuzzTests {
    private static let fragments: [String] = [
        "# ", "## ", "### ", "#### ", "####### ", "   # ", "    # ", "Title", "Disk <ENVIRONMENT> full", "`code`",
        "**bold**", "_Diagnosis_", "**Mitigation**:", "Diagnosis:", "## Meaning", "## Impact", "### Mitigation",
        "```", "```bash", "~~~", "````", "```console", "$ df -h", "root@host:~# ls", "> ", ">> ", "- ", "* ",
        "1. ", "    ", "  ", "\t", "| a | b |", "|---|---|", "===", "---", "***", "<!--", "-->", "<details>",
        "</details>", "<summary>x</summary>", "<br>", "<div>", "[link](#a)", "[ref]: http://x", "[x][ref]",
        "![img](i.png)", "<https://x.y>", "&amp;", "&#x41;", "\\", "\\*", "*", "_", "[", "]", "(", ")", "<", ">",
        "${task_type}", "$NAMESPACE", "{{ .Labels.pod }}", "<<EOF", "EOF", "é", "🔥", "ß", "\u{0301}", "\r",
        "text", "more words here", ":", "Cause(s)", "<pre>", "</pre>",
    ]

    private static func generate(_ random: inout SeededGenerator) -> String {
        var text = ""
        let lineCount = Int.random(in: 0...40, using: &random)
        if Bool.random(using: &random) && Int.random(in: 0..<4, using: &random) == 0 {
            text += "---\ntitle: x\n---\n"
        }
        for _ in 0..<lineCount {
            let pieces = Int.random(in: 0...5, using: &random)
            for _ in 0..<pieces {
                text += fragments[Int.random(in: 0..<fragments.count, using: &random)]
            }
            text += Int.random(in: 0..<8, using: &random) == 0 ? "\n\n" : "\n"
        }
        if Bool.random(using: &random) {
            let scalars = Array(text.unicodeScalars)
            let cut = Int.random(in: 0...scalars.count, using: &random)
            text = String(String.UnicodeScalarView(scalars[0..<cut]))
        }
        return text
    }

    private static func randomBytes(_ random: inout SeededGenerator) -> String {
        let count = Int.random(in: 0...400, using: &random)
        let alphabet: [UInt8] = Array("#`~-*_>[]()<>!|=\n\n\n \t\\$:{}.1aZ".utf8)
        let bytes = (0..<count).map { _ in
            Bool.random(using: &random) ? alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                : UInt8.random(in: 0...255, using: &random)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Checks every invariant of a parsed document, returning what is wrong.
    static func violations(of document: Document) -> [String] {
        var problems: [String] = []
        let lineRange = 1...max(document.lines.count, 1)
        let anchors = document.headings.map(\.anchor)
        if Set(anchors).count != anchors.count { problems.append("repeated anchor") }
        let ids = document.entries.map(\.id)
        if Set(ids).count != ids.count { problems.append("repeated entry id") }
        var seen: Set<String> = []
        for entry in document.entries {
            if entry.id != "\(document.file)#\(entry.anchor)" { problems.append("malformed id \(entry.id)") }
            if !anchors.contains(entry.anchor) { problems.append("anchor of no heading \(entry.anchor)") }
            if entry.title.isEmpty { problems.append("empty title") }
            if !lineRange.contains(entry.line) || !lineRange.contains(entry.endLine) || entry.endLine < entry.line {
                problems.append("entry lines \(entry.line)-\(entry.endLine)")
            }
            if let parent = entry.parentID, !seen.contains(parent) { problems.append("parent not before child") }
            for part in entry.parts where !lineRange.contains(part.line) { problems.append("part line \(part.line)") }
            for command in entry.commands where !lineRange.contains(command.line) {
                problems.append("command line \(command.line)")
            }
            seen.insert(entry.id)
        }
        for heading in document.headings where !lineRange.contains(heading.line) {
            problems.append("heading line \(heading.line)")
        }
        for link in document.links where !lineRange.contains(link.line) { problems.append("link line \(link.line)") }
        for block in document.codeBlocks where !lineRange.contains(block.line) {
            problems.append("code line \(block.line)")
        }
        return problems
    }

    @Test(arguments: 0..<8)
    func generatedDocumentsKeepTheInvariants(batch: Int) {
        var random = SeededGenerator(seed: UInt64(batch) &* 7919 &+ 1)
        for index in 0..<500 {
            let source = batch % 2 == 0 ? Self.generate(&random) : Self.randomBytes(&random)
            let document = DocumentParser.parse(source, file: "f\(index).md")
            let problems = Self.violations(of: document)
            #expect(problems.isEmpty, "batch \(batch) document \(index): \(problems) in \(source.debugDescription)")
            if !problems.isEmpty { return }
        }
    }

    @Test func theSameInputAlwaysGivesTheSameDocument() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<50 {
            let source = Self.generate(&random)
            #expect(DocumentParser.parse(source, file: "a.md") == DocumentParser.parse(source, file: "a.md"))
        }
    }
}
