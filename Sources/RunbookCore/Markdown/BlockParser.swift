/// Splits Markdown source lines into blocks, keeping each block's 1-based source lines.
///
/// A focused CommonMark/GFM block parser: front matter, ATX and Setext headings, fenced and indented code, lists
/// (as text; their content indentation is tracked so that 4-space list content is not code), block quotes, HTML
/// blocks and comments, GFM tables, thematic breaks and link reference definitions. Every line is visited a
/// bounded number of times.
struct BlockParser {
    /// Blocks in source order, and the YAML front matter when the document starts with one.
    struct Output: Sendable {
        var blocks: [Block]
        var frontMatter: String?
    }

    private let lines: [String]
    /// How many block quotes enclose these lines; quotes nested deeper than ``maxQuoteDepth`` stay plain text.
    private let quoteDepth: Int
    private var blocks: [Block] = []
    private var paragraph: [String] = []
    private var paragraphStart = 0
    private var paragraphKind: Block.Kind = .paragraph
    private var listIndents: [Int] = []
    private var lastBlank = false
    private var index = 0

    private static let maxQuoteDepth = 8

    private init(lines: [String], quoteDepth: Int) {
        self.lines = lines
        self.quoteDepth = quoteDepth
    }

    /// Parses every line of a document.
    static func parse(_ lines: [String]) -> Output {
        var parser = BlockParser(lines: lines, quoteDepth: 0)
        let frontMatter = parser.frontMatter()
        parser.run()
        return Output(blocks: parser.blocks, frontMatter: frontMatter)
    }

    private mutating func frontMatter() -> String? {
        guard let first = lines.first, first.trimmingWhitespace() == "---", first.hasPrefix("---") else { return nil }
        var end = 1
        while end < lines.count {
            let line = lines[end].trimmingWhitespace()
            if line == "---" || line == "..." {
                index = end + 1
                return lines[1..<end].joined(separator: "\n")
            }
            end += 1
        }
        return nil
    }

    private mutating func run() {
        while index < lines.count {
            let shape = LineShape(lines[index])
            if shape.isBlank {
                flushParagraph()
                lastBlank = true
                index += 1
                continue
            }
            line(shape)
        }
        flushParagraph()
    }

    // MARK: - One line

    private mutating func line(_ shape: LineShape) {
        let item = listItem(shape)
        let base = listIndents.last { $0 <= shape.indent } ?? 0
        let relative = shape.indent - base
        if item == nil, let top = listIndents.last, shape.indent < top {
            let lazy = !lastBlank && !paragraph.isEmpty && !startsBlock(shape, relative: relative)
            if !lazy {
                while let last = listIndents.last, last > shape.indent { listIndents.removeLast() }
            }
        }
        lastBlank = false

        if let item {
            startListItem(shape, item: item)
            return
        }
        if relative >= 4 {
            if paragraph.isEmpty {
                indentedCode(base: base)
            } else {
                paragraph.append(shape.content.trimmingWhitespace())
                index += 1
            }
            return
        }
        if let fence = shape.fence {
            flushParagraph()
            fencedCode(fence, indent: shape.indent)
            return
        }
        if let heading = shape.atxHeading {
            flushParagraph()
            blocks.append(Block(kind: .heading(level: heading.level, raw: heading.text, setext: false),
                                line: index + 1, endLine: index + 1, lines: [heading.text]))
            index += 1
            return
        }
        if let level = shape.setextLevel, !paragraph.isEmpty, paragraphKind == .paragraph {
            let raw = paragraph.joined(separator: "\n")
            blocks.append(Block(kind: .heading(level: level, raw: raw, setext: true), line: paragraphStart,
                                endLine: index + 1, lines: paragraph))
            paragraph = []
            index += 1
            return
        }
        if shape.isThematicBreak {
            flushParagraph()
            append(.thematicBreak, from: index, to: index, lines: [])
            index += 1
            return
        }
        if shape.content.first == ">" {
            flushParagraph()
            quote(base: base)
            return
        }
        if let html = HTMLBlockStart(shape.content), !(html.needsOwnParagraph && !paragraph.isEmpty) {
            flushParagraph()
            htmlBlock(html)
            return
        }
        if shape.content.containsBytes("|"), index + 1 < lines.count, BlockParser.isDelimiterRow(lines[index + 1]) {
            flushParagraph()
            table()
            return
        }
        if paragraph.isEmpty, let definition = BlockParser.linkDefinition(shape.content) {
            append(.linkDefinition(label: definition.label, destination: definition.destination), from: index,
                   to: index, lines: [String(shape.content)])
            index += 1
            return
        }
        if paragraph.isEmpty {
            paragraphStart = index + 1
            paragraphKind = listIndents.isEmpty ? .paragraph : .listText
        }
        paragraph.append(shape.content.trimmingWhitespace())
        index += 1
    }

    private func listItem(_ shape: LineShape) -> (width: Int, text: Substring)? {
        guard shape.indent <= 3 || !listIndents.isEmpty, !shape.isThematicBreak else { return nil }
        let base = listIndents.last { $0 <= shape.indent } ?? 0
        if shape.indent - base >= 4 { return nil }
        return shape.listMarker
    }

    private mutating func startListItem(_ shape: LineShape, item: (width: Int, text: Substring)) {
        flushParagraph()
        while let last = listIndents.last, last > shape.indent { listIndents.removeLast() }
        let contentIndent = shape.indent + item.width
        listIndents.append(contentIndent)
        let inner = LineShape(String(item.text))
        if let fence = inner.fence {
            fencedCode(fence, indent: contentIndent)
            return
        }
        paragraphStart = index + 1
        paragraphKind = .listText
        paragraph = [item.text.trimmingWhitespace()]
        index += 1
    }

    /// True when the line, `relative` columns into its container, would start a block that interrupts a paragraph.
    private func startsBlock(_ shape: LineShape, relative: Int) -> Bool {
        guard relative <= 3 else { return false }
        return shape.fence != nil || shape.atxHeading != nil || shape.isThematicBreak || shape.content.first == ">"
            || shape.listMarker != nil || HTMLBlockStart(shape.content).map { !$0.needsOwnParagraph } == true
    }

    // MARK: - Blocks

    private mutating func flushParagraph() {
        guard !paragraph.isEmpty else { return }
        blocks.append(Block(kind: paragraphKind, line: paragraphStart, endLine: paragraphStart + paragraph.count - 1,
                            lines: paragraph))
        paragraph = []
    }

    private mutating func append(_ kind: Block.Kind, from start: Int, to end: Int, lines content: [String]) {
        blocks.append(Block(kind: kind, line: start + 1, endLine: end + 1, lines: content))
    }

    private mutating func fencedCode(_ fence: (char: Character, length: Int, info: String), indent: Int) {
        let start = index
        var content: [String] = []
        index += 1
        var end: Int?
        while index < lines.count {
            let shape = LineShape(lines[index])
            if shape.indent <= indent + 3, shape.closesFence(char: fence.char, length: fence.length) {
                end = index
                index += 1
                break
            }
            content.append(lines[index].droppingIndent(indent))
            index += 1
        }
        let language = BlockParser.language(of: fence.info)
        append(.code(language: language, info: fence.info, fenced: true), from: start, to: end ?? lines.count - 1,
               lines: content)
    }

    private mutating func indentedCode(base: Int) {
        let start = index
        var content: [String] = []
        var lastContent = index
        while index < lines.count {
            let shape = LineShape(lines[index])
            if shape.isBlank {
                content.append("")
            } else if shape.indent - base >= 4 {
                content.append(lines[index].droppingIndent(base + 4))
                lastContent = index
            } else {
                break
            }
            index += 1
        }
        content.removeLast(index - 1 - lastContent)
        index = lastContent + 1
        append(.code(language: nil, info: "", fenced: false), from: start, to: lastContent, lines: content)
    }

    private mutating func quote(base: Int) {
        let start = index
        var content: [String] = []
        while index < lines.count {
            let shape = LineShape(lines[index])
            if shape.indent <= base + 3, shape.content.first == ">" {
                var text = shape.content.dropFirst()
                if text.first == " " { text = text.dropFirst() }
                content.append(String(text))
            } else if !shape.isBlank, let last = content.last, !last.allSatisfy(\.isWhitespace),
                !startsBlock(shape, relative: shape.indent) {
                content.append(shape.content.trimmingWhitespace())
            } else {
                break
            }
            index += 1
        }
        guard quoteDepth < BlockParser.maxQuoteDepth else {
            append(.quote, from: start, to: index - 1, lines: content)
            return
        }
        var inner = BlockParser(lines: content, quoteDepth: quoteDepth + 1)
        inner.run()
        for var block in inner.blocks {
            block.line += start
            block.endLine += start
            switch block.kind {
            case .code, .table, .html(comment: true), .thematicBreak, .linkDefinition:
                break
            default:
                block.kind = .quote
            }
            blocks.append(block)
        }
    }

    private mutating func htmlBlock(_ start: HTMLBlockStart) {
        let first = index
        var content: [String] = []
        while index < lines.count {
            let line = lines[index]
            if start.endsAtBlankLine && LineShape(line).isBlank { break }
            content.append(line)
            index += 1
            if let terminator = start.terminator {
                let searched = index - 1 == first ? line.dropFirst(start.terminatorSearchOffset) : line[...]
                if searched.lowercased().containsBytes(terminator) { break }
            }
        }
        append(.html(comment: start.isComment), from: first, to: index - 1, lines: content)
    }

    private mutating func table() {
        let start = index
        var content: [String] = [lines[index].trimmingWhitespace()]
        index += 2
        while index < lines.count {
            let shape = LineShape(lines[index])
            if shape.isBlank || startsBlock(shape, relative: shape.indent) { break }
            content.append(shape.content.trimmingWhitespace())
            index += 1
        }
        append(.table, from: start, to: index - 1, lines: content)
    }
}
