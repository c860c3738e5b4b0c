/// Turns a document's blocks into entries: the section tree, aliases, parts and commands.
///
/// Walks the blocks once. Every heading that is not a part heading (and not inside a part heading's section)
/// opens an entry; consecutive same-level headings are aliases of one entry; part headings, emphasised labels and
/// `Label:` paragraphs open parts of the entry that owns them.
struct EntryBuilder {
    private struct PartDraft {
        var part: Part
        var texts: [String] = []
        var contentStart: Int
        var lastLine: Int
        var leading: String?
    }

    private struct Draft {
        var entry: Entry
        var texts: [String] = []
        var bodyStart: Int
        var bodyEnd: Int
        var primaryOpen = true
        var parts: [PartDraft] = []
    }

    let file: String
    let lines: [String]
    let inline: InlineParser

    private var drafts: [Draft] = []
    private var stack: [Int] = []
    private var owner: Int?
    private var currentPart: Int?
    private var partRegion: Int?
    private var aliasCandidate: Int?

    init(file: String, lines: [String], inline: InlineParser) {
        self.file = file
        self.lines = lines
        self.inline = inline
    }

    /// The entries of `blocks`; `headings` maps a heading block's index to its heading, `texts` a prose block's
    /// index to its plain text.
    mutating func build(blocks: [Block], headings: [Int: Heading], texts: [Int: String]) -> [Entry] {
        for (index, block) in blocks.enumerated() {
            if let heading = headings[index] {
                handle(heading, endLine: block.endLine)
                continue
            }
            aliasCandidate = nil
            guard owner != nil else { continue }
            content(block, text: texts[index])
        }
        return drafts.map(finish)
    }

    // MARK: - Headings

    private mutating func handle(_ heading: Heading, endLine: Int) {
        let previous = aliasCandidate
        aliasCandidate = nil
        if let region = partRegion, heading.level > region {
            if let kind = heading.part {
                startPart(kind, title: heading.text, line: heading.line, style: .heading, contentStart: endLine + 1)
                extend(to: endLine)
            } else {
                addText(heading.text)
                extend(to: endLine)
            }
            return
        }
        partRegion = nil
        if let kind = heading.part {
            pop(to: heading.level)
            partRegion = heading.level
            startPart(kind, title: heading.text, line: heading.line, style: .heading, contentStart: endLine + 1)
            extend(to: endLine)
            return
        }
        if let candidate = previous, drafts[candidate].entry.level == heading.level,
            !heading.text.trimmingWhitespace().isEmpty {
            drafts[candidate].entry.aliases.append(heading.text)
            drafts[candidate].bodyStart = endLine + 1
            drafts[candidate].bodyEnd = endLine
            aliasCandidate = candidate
            return
        }
        guard !heading.text.trimmingWhitespace().isEmpty else { return }
        if let owner { drafts[owner].primaryOpen = false }
        pop(to: heading.level)
        let parent = stack.last.map { drafts[$0].entry }
        let entry = Entry(
            id: "\(file)#\(heading.anchor)", file: file, anchor: heading.anchor, title: heading.text,
            level: heading.level, line: heading.line, path: parent.map { $0.path + [$0.title] } ?? [],
            parentID: parent?.id, endLine: endLine
        )
        drafts.append(Draft(entry: entry, bodyStart: endLine + 1, bodyEnd: endLine))
        stack.append(drafts.count - 1)
        owner = drafts.count - 1
        currentPart = nil
        aliasCandidate = drafts.count - 1
    }

    /// Closes the entries at `level` or deeper; the enclosing entry owns what follows.
    private mutating func pop(to level: Int) {
        while let top = stack.last, drafts[top].entry.level >= level {
            drafts[top].primaryOpen = false
            stack.removeLast()
        }
        if let owner, owner != stack.last { drafts[owner].primaryOpen = false }
        owner = stack.last
        currentPart = nil
    }

    private mutating func startPart(_ kind: PartKind, title: String, line: Int, style: Part.Style,
                                    contentStart: Int, leading: String? = nil) {
        guard let owner else { return }
        let part = Part(kind: kind, title: title, line: line, style: style)
        drafts[owner].parts.append(PartDraft(part: part, contentStart: contentStart, lastLine: contentStart - 1,
                                             leading: leading))
        currentPart = drafts[owner].parts.count - 1
    }

    // MARK: - Content

    private mutating func content(_ block: Block, text: String?) {
        switch block.kind {
        case .paragraph:
            if let label = PartLabel(line: block.lines[0]) {
                let leading = label.remainder.isEmpty ? nil : label.remainder
                startPart(label.kind, title: label.title, line: block.line, style: label.style,
                          contentStart: block.line + 1, leading: leading)
                let rest = ((leading.map { [$0] } ?? []) + block.lines.dropFirst()).joined(separator: "\n")
                addText(inline.parse(rest).text.trimmingWhitespace())
            } else if let text {
                addText(text)
            }
        case .code(let language, _, let fenced):
            let text = block.lines.joined(separator: "\n")
            if fenced, let command = CommandReader.command(language: language, text: text, line: block.line) {
                addCommand(command)
            }
        default:
            if let text { addText(text) }
        }
        extend(to: block.endLine)
    }

    private mutating func addText(_ text: String) {
        guard let owner, !text.isEmpty else { return }
        drafts[owner].texts.append(text)
        if let currentPart { drafts[owner].parts[currentPart].texts.append(text) }
    }

    private mutating func addCommand(_ command: Command) {
        guard let owner else { return }
        drafts[owner].entry.commands.append(command)
        if let currentPart { drafts[owner].parts[currentPart].part.commands.append(command) }
    }

    private mutating func extend(to line: Int) {
        guard let owner else { return }
        if drafts[owner].primaryOpen { drafts[owner].bodyEnd = line }
        if let currentPart { drafts[owner].parts[currentPart].lastLine = line }
    }

    // MARK: - Finishing

    private func finish(_ draft: Draft) -> Entry {
        var entry = draft.entry
        entry.text = draft.texts.joined(separator: "\n")
        entry.endLine = draft.bodyEnd
        entry.markdown = source(from: draft.bodyStart, to: draft.bodyEnd)
        entry.parts = draft.parts.map { partDraft in
            var part = partDraft.part
            part.text = partDraft.texts.joined(separator: "\n")
            let body = source(from: partDraft.contentStart, to: partDraft.lastLine)
            part.markdown = [partDraft.leading, body.isEmpty ? nil : body].compactMap { $0 }.joined(separator: "\n")
            return part
        }
        return entry
    }

    /// Source lines `start...end` (1-based), without leading and trailing blank lines.
    private func source(from start: Int, to end: Int) -> String {
        guard start <= end, start >= 1, end <= lines.count else { return "" }
        var slice = lines[(start - 1)..<end]
        while let first = slice.first, first.allSatisfy(\.isWhitespace) { slice.removeFirst() }
        while let last = slice.last, last.allSatisfy(\.isWhitespace) { slice.removeLast() }
        return slice.joined(separator: "\n")
    }
}
