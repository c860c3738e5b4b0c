import Foundation

/// A document's table of contents: a generated-TOC marker, or a list of links to its own headings near the top.
struct TableOfContents: Sendable {
    /// 1-based line of the marker or of the first link.
    var line: Int
    /// 1-based line of the marker or of the last link.
    var endLine: Int
    /// The links to the document's own anchors, with their normalised anchors (empty for a generated TOC).
    var links: [(link: Link, anchor: String)]
    /// A `[[_TOC_]]`, `[TOC]` or `<!-- toc -->` marker: the renderer keeps it in step.
    var isGenerated: Bool

    static let markers: Set<String> = ["[[_toc_]]", "[toc]", "[[toc]]", "{:toc}", "${toc}", "{{< toc >}}", "[_toc_]"]
    static let titles = ["contents", "table of contents", "toc", "index", "in this document", "on this page"]

    /// The document's table of contents, if it has one.
    ///
    /// A written list wins over a marker: a `<!-- toc -->` comment from a generator such as doctoc sits next to a
    /// list that can still go stale.
    static func find(in document: Document) -> TableOfContents? {
        if let manual = manual(in: document) { return manual }
        let codeLines = CodeLines(document)
        for (index, raw) in document.lines.enumerated() where !codeLines.contains(index + 1) {
            let line = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if markers.contains(line) || (line.hasPrefix("<!--") && line.contains("toc")) {
                return TableOfContents(line: index + 1, endLine: index + 1, links: [], isGenerated: true)
            }
        }
        return nil
    }

    /// The first run of list items linking the document's own anchors that starts near the top: before its third
    /// heading, or right under a heading or bold label such as "Contents".
    private static func manual(in document: Document) -> TableOfContents? {
        let ownLinks = document.links.compactMap { link -> (link: Link, anchor: String)? in
            guard isListItem(document, line: link.line) else { return nil }
            switch LinkTarget(destination: link.destination, from: document.file) {
            case .anchor(let anchor): return (link, anchor)
            case .file(let path, let anchor?) where path == document.file: return (link, anchor)
            default: return nil
            }
        }
        let headings = document.headings.filter { $0.part == nil }
        let nearTop = headings.count > 2 ? headings[2].line : Int.max
        var start = 0
        while start < ownLinks.count {
            var end = start
            while end + 1 < ownLinks.count, ownLinks[end + 1].link.line <= ownLinks[end].link.line + 2 { end += 1 }
            let run = Array(ownLinks[start...end])
            let firstLine = run[0].link.line
            if run.count >= 2, firstLine < nearTop || isUnderContentsTitle(document, line: firstLine) {
                return TableOfContents(line: firstLine, endLine: run[run.count - 1].link.line, links: run,
                                       isGenerated: false)
            }
            start = end + 1
        }
        return nil
    }

    private static func isListItem(_ document: Document, line: Int) -> Bool {
        guard line >= 1, line <= document.lines.count else { return false }
        let text = document.lines[line - 1].trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("* ") || text.hasPrefix("- ") || text.hasPrefix("+ ") { return true }
        let digits = text.prefix { $0.isNumber }
        return !digits.isEmpty && (text.dropFirst(digits.count).hasPrefix(". ") || text.dropFirst(digits.count)
            .hasPrefix(") "))
    }

    /// Whether the closest non-blank text above the line is a "Contents"-like heading or bold label.
    private static func isUnderContentsTitle(_ document: Document, line: Int) -> Bool {
        var index = line - 2
        while index >= 0, document.lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index -= 1 }
        guard index >= 0 else { return false }
        let title = document.lines[index].lowercased()
            .trimmingCharacters(in: CharacterSet(charactersIn: "#*_: \t"))
        return titles.contains(title)
    }
}
