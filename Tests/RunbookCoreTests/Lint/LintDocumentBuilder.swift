import Foundation

@testable import RunbookCore

/// Builds small `Document` values line by line for lint tests, independent of the Markdown parser.
///
/// Every non-part heading is an entry; a part heading or an `_Label_` line starts a part of the current entry;
/// text lines are scanned for `[text](destination)` links.
struct LintDocumentBuilder {
    var file: String
    private var lines: [String] = []
    private var headings: [Heading] = []
    private var links: [Link] = []
    private var codeBlocks: [CodeBlock] = []
    private var entries: [Entry] = []
    private var stack: [Entry] = []

    init(_ file: String) {
        self.file = file
    }

    static func slug(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "_" })
            .replacingOccurrences(of: " ", with: "-")
    }

    mutating func heading(_ level: Int, _ text: String, alias: Bool = false) {
        lines.append(String(repeating: "#", count: level) + " " + text)
        let line = lines.count
        let part = PartKind(label: text)
        var anchor = Self.slug(text)
        let repeats = headings.filter { $0.anchor == anchor || $0.anchor.hasPrefix(anchor + "-") }.count
        if repeats > 0 { anchor += "-\(repeats)" }
        headings.append(Heading(level: level, text: text, raw: text, anchor: anchor, line: line, part: part))
        if let part {
            addPart(Part(kind: part, title: text, line: line, style: .heading))
            return
        }
        if alias, let last = entries.indices.last {
            entries[last].aliases.append(text)
            return
        }
        while let top = stack.last, top.level >= level { stack.removeLast() }
        let entry = Entry(
            id: "\(file)#\(anchor)", file: file, anchor: anchor, title: text, level: level, line: line,
            path: stack.map(\.title), parentID: stack.last?.id
        )
        entries.append(entry)
        stack.append(entry)
    }

    /// An emphasised part label such as `_Diagnosis_`, alone on its line.
    mutating func label(_ kind: PartKind) {
        lines.append("_\(kind.label)_")
        addPart(Part(kind: kind, title: kind.label, line: lines.count, style: .emphasis))
    }

    mutating func text(_ text: String) {
        lines.append(text)
        let line = lines.count
        for match in text.matches(of: /(!?)\[([^\]]*)\]\(([^)\s]*)\)/) {
            links.append(Link(destination: String(match.3), text: String(match.2), line: line,
                              isImage: !match.1.isEmpty))
        }
        appendToBody(text)
    }

    mutating func code(_ language: String?, _ body: [String]) {
        lines.append("```" + (language ?? ""))
        let line = lines.count
        lines += body
        lines.append("```")
        let text = body.joined(separator: "\n")
        codeBlocks.append(CodeBlock(language: language, text: text, line: line, fenced: true))
        guard let last = entries.indices.last else { return }
        let command = Command(language: language, text: text, line: line, lines: body, placeholders: [])
        entries[last].commands.append(command)
        if let part = entries[last].parts.indices.last { entries[last].parts[part].commands.append(command) }
    }

    func document() -> Document {
        let finished = entries.map { entry -> Entry in
            var entry = entry
            entry.endLine = lines.count
            return entry
        }
        return Document(file: file, headings: headings, entries: finished, links: links, codeBlocks: codeBlocks,
                        lines: lines)
    }

    private mutating func addPart(_ part: Part) {
        guard let last = entries.indices.last else { return }
        entries[last].parts.append(part)
    }

    private mutating func appendToBody(_ text: String) {
        guard let last = entries.indices.last else { return }
        let joined = { (old: String) in old.isEmpty ? text : old + "\n" + text }
        entries[last].text = joined(entries[last].text)
        entries[last].markdown = joined(entries[last].markdown)
        if let part = entries[last].parts.indices.last {
            entries[last].parts[part].text = joined(entries[last].parts[part].text)
            entries[last].parts[part].markdown = joined(entries[last].parts[part].markdown)
        }
    }
}

extension Library {
    /// A library of hand-built documents.
    static func of(_ builders: LintDocumentBuilder...) -> Library {
        Library(documents: builders.map { $0.document() })
    }
}

extension Array where Element == Finding {
    /// Findings of one rule, as `file:line`.
    func locations(_ rule: String) -> [String] {
        filter { $0.rule == rule }.map { "\($0.file):\($0.line)" }
    }
}
