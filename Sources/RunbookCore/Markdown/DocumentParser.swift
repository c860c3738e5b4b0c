/// Parses one Markdown runbook into a ``Document``: headings, entries, parts, commands, links and code blocks.
///
/// Pure and total: any string parses, in time roughly linear in its length.
///
/// ```swift
/// let document = DocumentParser.parse("# Disk full\n\n_Diagnosis_\n\n```\ndf -h\n```\n", file: "disk.md")
/// document.entries[0].id  // "disk.md#disk-full"
/// ```
public enum DocumentParser {
    /// Parses `source`, the contents of the document at `file` (a path relative to its library folder).
    public static func parse(_ source: String, file: String) -> Document {
        let lines = splitLines(source)
        let output = BlockParser.parse(lines)
        var definitions: [String: String] = [:]
        for block in output.blocks {
            if case .linkDefinition(let label, let destination) = block.kind {
                let key = InlineParser.normalizeLabel(label)
                if definitions[key] == nil { definitions[key] = destination }
            }
        }
        let inline = InlineParser(definitions: definitions)
        var counter = AnchorCounter()
        var headings: [Int: Heading] = [:]
        var orderedHeadings: [Heading] = []
        var texts: [Int: String] = [:]
        var links: [Link] = []
        var codeBlocks: [CodeBlock] = []

        for (index, block) in output.blocks.enumerated() {
            switch block.kind {
            case .heading(let level, let raw, let setext):
                let parsed = inline.parse(raw)
                links += parsed.links.map { link(from: $0, at: block.line) }
                let text = parsed.text.trimmingWhitespace()
                let anchor = counter.anchor(for: Slug.github(text))
                let heading = Heading(level: level, text: text.replacingNewlines(), raw: raw, anchor: anchor,
                                      line: block.line, setext: setext, part: PartKind(label: text))
                headings[index] = heading
                orderedHeadings.append(heading)
            case .code(let language, _, let fenced):
                codeBlocks.append(CodeBlock(language: language, text: block.lines.joined(separator: "\n"),
                                            line: block.line, fenced: fenced))
            case .table:
                var rowTexts: [String] = []
                for (offset, row) in block.lines.enumerated() {
                    let parsed = inline.parse(tableCells(row))
                    links += parsed.links.map { link(from: $0, at: block.line + (offset == 0 ? 0 : offset + 1)) }
                    rowTexts.append(parsed.text)
                }
                texts[index] = rowTexts.joined(separator: "\n")
            default:
                guard block.isProse else { continue }
                let parsed = inline.parse(block.lines.joined(separator: "\n"))
                links += parsed.links.map { link(from: $0, at: block.line) }
                texts[index] = parsed.text.trimmingWhitespace()
            }
        }
        var builder = EntryBuilder(file: file, lines: lines, inline: inline)
        let entries = builder.build(blocks: output.blocks, headings: headings, texts: texts)
        return Document(file: file, headings: orderedHeadings, entries: entries, links: links,
                        codeBlocks: codeBlocks, frontMatter: output.frontMatter, lines: lines)
    }

    private static func link(from found: InlineParser.FoundLink, at line: Int) -> Link {
        Link(destination: found.destination, text: found.text, line: line + found.lineOffset, isImage: found.isImage)
    }

    /// A table row's cells, separated by spaces instead of pipes.
    private static func tableCells(_ row: String) -> String {
        var text = row.trimmingWhitespace()[...]
        if text.first == "|" { text = text.dropFirst() }
        if text.last == "|", !text.hasSuffix("\\|") { text = text.dropLast() }
        return text.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingWhitespace() }
            .joined(separator: " ")
    }

    /// Splits on `\n`, `\r\n` and `\r`; a final line break does not add an empty line.
    static func splitLines(_ source: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in source.utf8 {
            if byte == 10 {
                if !previousWasCR { lines.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
                previousWasCR = false
            } else if byte == 13 {
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                previousWasCR = true
            } else {
                current.append(byte)
                previousWasCR = false
            }
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }
}
