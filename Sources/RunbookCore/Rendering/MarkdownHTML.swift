import Foundation

/// Runbook Markdown as safe HTML for the web console, from the project's own block parser.
///
/// Every character of the source is escaped: raw HTML in a runbook shows as text and never runs, and a link keeps
/// its `href` only when it is relative or `http(s)`/`mailto`. Headings take the anchor the document gave them
/// (so a page's fragments equal entry ids), code blocks carry a copy hook, and placeholders that no label filled
/// are wrapped in `<mark class="unfilled">`.
///
/// ```swift
/// let html = MarkdownHTML.render("Run `df -h` on **<HOST>**", options: .init(unfilled: ["<HOST>"]))
/// ```
public enum MarkdownHTML {
    /// What to add to the plain rendering.
    public struct Options: Sendable {
        /// Source line of a heading → its anchor (``Heading/anchor``), for `id` attributes.
        public var anchors: [Int: String]
        /// Placeholders as written that stay unfilled; highlighted wherever they appear.
        public var unfilled: [String]
        /// The level of the page's heading the Markdown sits under: a top heading of the Markdown is shown one
        /// level below it, and each heading one level below the heading it belongs to, so that a document that
        /// skips from `#` to `###` still gives the page headings in order, as screen readers expect.
        public var headingShift: Int
        /// Source line → notes shown after the block that holds the line (lint findings).
        public var notes: [Int: [String]]

        public init(
            anchors: [Int: String] = [:], unfilled: [String] = [], headingShift: Int = 0, notes: [Int: [String]] = [:]
        ) {
            self.anchors = anchors
            self.unfilled = unfilled
            self.headingShift = headingShift
            self.notes = notes
        }
    }

    /// The HTML of `markdown`.
    public static func render(_ markdown: String, options: Options = Options()) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return render(lines: lines, options: options)
    }

    /// The HTML of a whole document, headings anchored as the parser anchored them, findings beside their lines;
    /// `headingShift` moves every heading down, below the page's own title.
    public static func render(document: Document, findings: [Finding] = [], headingShift: Int = 0) -> String {
        var notes: [Int: [String]] = [:]
        for finding in findings where finding.file == document.file {
            notes[finding.line, default: []].append("\(finding.severity.rawValue) \(finding.rule): \(finding.message)")
        }
        let anchors = Dictionary(document.headings.map { ($0.line, $0.anchor) }) { first, _ in first }
        return render(
            lines: document.lines, options: Options(anchors: anchors, headingShift: headingShift, notes: notes))
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in element content and quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func render(lines: [String], options: Options) -> String {
        let blocks = BlockParser.parse(lines).blocks
        var html = ""
        var inList = false
        var pendingNotes = options.notes
        // The headings open above this point: level in the source, level shown.
        var open: [(source: Int, shown: Int)] = []
        var headingLevel = options.headingShift
        for block in blocks {
            let isItem = block.kind == .listText
            if isItem != inList {
                html += isItem ? "<ul>\n" : "</ul>\n"
                inList = isItem
            }
            if case .heading(let level, _, _) = block.kind {
                while let last = open.last, last.source >= level { open.removeLast() }
                headingLevel = min(6, (open.last?.shown ?? options.headingShift) + 1)
                open.append((level, headingLevel))
            }
            html += renderBlock(block, options: options, headingLevel: headingLevel)
            let covered = pendingNotes.keys.filter { $0 >= block.line && $0 <= block.endLine }.sorted()
            for line in covered {
                for note in pendingNotes.removeValue(forKey: line) ?? [] {
                    html += "<aside class=\"finding\">line \(line): \(escape(note))</aside>\n"
                }
            }
        }
        if inList { html += "</ul>\n" }
        for (line, notes) in pendingNotes.sorted(by: { $0.key < $1.key }) {
            for note in notes { html += "<aside class=\"finding\">line \(line): \(escape(note))</aside>\n" }
        }
        return html
    }

    /// One block's HTML; a heading is shown at `headingLevel`.
    private static func renderBlock(_ block: Block, options: Options, headingLevel: Int) -> String {
        switch block.kind {
        case .heading(_, let raw, _):
            let id = options.anchors[block.line].map { " id=\"\(escape($0))\"" } ?? ""
            return "<h\(headingLevel)\(id)>\(inline(raw, options: options))</h\(headingLevel)>\n"
        case .paragraph:
            return "<p>\(inline(block.lines.joined(separator: "\n"), options: options))</p>\n"
        case .listText:
            return "<li>\(inline(block.lines.joined(separator: "\n"), options: options))</li>\n"
        case .quote:
            return "<blockquote><p>\(inline(block.lines.joined(separator: "\n"), options: options))</p></blockquote>\n"
        case .table:
            return table(block.lines, options: options)
        case .code(let language, _, _):
            let code = highlight(escape(block.lines.joined(separator: "\n")), options.unfilled)
            let lang = language.map { " data-language=\"\(escape($0))\"" } ?? ""
            return "<div class=\"command\"><pre\(lang)><code>\(code)</code></pre></div>\n"
        case .html(let comment):
            if comment { return "" }
            return "<pre class=\"raw-html\">\(escape(block.lines.joined(separator: "\n")))</pre>\n"
        case .thematicBreak:
            return "<hr>\n"
        case .linkDefinition:
            return ""
        }
    }

    /// `rows` are the header and the body rows; the parser has already dropped the delimiter row.
    private static func table(_ rows: [String], options: Options) -> String {
        func cells(_ row: String) -> [String] {
            var text = Substring(row.trimmingCharacters(in: .whitespaces))
            if text.hasPrefix("|") { text = text.dropFirst() }
            if text.hasSuffix("|") { text = text.dropLast() }
            return text.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var html = "<table>\n"
        for (index, row) in rows.enumerated() {
            let tag = index == 0 ? "th" : "td"
            html += "<tr>" + cells(row).map { "<\(tag)>\(inline($0, options: options))</\(tag)>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// Inline Markdown: code spans, strong and emphasis, links with safe destinations; everything else as text.
    static func inline(_ markdown: String, options: Options) -> String {
        let chars = Array(markdown)
        var out = ""
        var plain = ""
        var index = 0
        func flush() {
            out += highlight(escape(plain), options.unfilled)
            plain = ""
        }
        while index < chars.count {
            let char = chars[index]
            if char == "\\", index + 1 < chars.count, chars[index + 1].isPunctuation || chars[index + 1].isSymbol {
                plain.append(chars[index + 1])
                index += 2
                continue
            }
            if char == "`", let close = codeSpanEnd(chars, from: index) {
                flush()
                let ticks = close.ticks
                let code = String(chars[(index + ticks)..<close.start]).trimmingCharacters(in: .whitespaces)
                out += "<code>\(highlight(escape(code), options.unfilled))</code>"
                index = close.start + ticks
                continue
            }
            if (char == "*" || char == "_"), let close = strongEnd(chars, from: index) {
                flush()
                out += "<strong>\(inline(String(chars[(index + 2)..<close]), options: options))</strong>"
                index = close + 2
                continue
            }
            if (char == "*" || char == "_"), let close = emphasisEnd(chars, from: index) {
                flush()
                let inner = String(chars[(index + 1)..<close])
                out += "<em>\(highlight(escape(InlineText.plain(inner)), options.unfilled))</em>"
                index = close + 1
                continue
            }
            if char == "[", let link = self.link(chars, from: index) {
                flush()
                let text = highlight(escape(link.text), options.unfilled)
                if let href = safeDestination(link.destination) {
                    out += "<a href=\"\(escape(href))\">\(text)</a>"
                } else {
                    out += text
                }
                index = link.end
                continue
            }
            plain.append(char)
            index += 1
        }
        flush()
        return out
    }

    /// The index of the `**` or `__` closing a strong span opened at `start`, on the same line and before any
    /// link; nil when the opener is inside a word or unclosed.
    private static func strongEnd(_ chars: [Character], from start: Int) -> Int? {
        let marker = chars[start]
        func isBoundary(_ index: Int) -> Bool {
            index < 0 || index >= chars.count || chars[index].isWhitespace || chars[index].isPunctuation
        }
        guard start + 2 < chars.count, chars[start + 1] == marker, isBoundary(start - 1),
              !chars[start + 2].isWhitespace
        else { return nil }
        var index = start + 2
        while index + 1 < chars.count, !"\n[".contains(chars[index]) {
            if chars[index] == marker, chars[index + 1] == marker, !chars[index - 1].isWhitespace,
               index > start + 2, isBoundary(index + 2) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The index of the marker closing a `_word_` or `*word*` emphasis opened at `start`, on the same line; nil
    /// when the marker is inside a word (`snake_case_name`) or unclosed.
    private static func emphasisEnd(_ chars: [Character], from start: Int) -> Int? {
        let marker = chars[start]
        func isBoundary(_ index: Int) -> Bool {
            index < 0 || index >= chars.count || chars[index].isWhitespace || chars[index].isPunctuation
        }
        guard isBoundary(start - 1), start == 0 || chars[start - 1] != marker, start + 1 < chars.count,
              !chars[start + 1].isWhitespace, chars[start + 1] != marker
        else { return nil }
        var index = start + 1
        while index < chars.count, chars[index] != "\n", chars[index] != "[" {
            if chars[index] == marker {
                guard !chars[index - 1].isWhitespace, isBoundary(index + 1),
                      index + 1 == chars.count || chars[index + 1] != marker
                else { return nil }
                return index
            }
            index += 1
        }
        return nil
    }

    private static func codeSpanEnd(_ chars: [Character], from start: Int) -> (start: Int, ticks: Int)? {
        var ticks = 0
        while start + ticks < chars.count, chars[start + ticks] == "`" { ticks += 1 }
        var index = start + ticks
        while index < chars.count {
            if chars[index] == "`" {
                var run = 0
                while index + run < chars.count, chars[index + run] == "`" { run += 1 }
                if run == ticks { return (index, ticks) }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func link(_ chars: [Character], from start: Int) -> (text: String, destination: String, end: Int)? {
        guard let close = chars[start...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "("
        else { return nil }
        // The destination ends at the parenthesis that balances the opening one: `(javascript:alert(1))`.
        var depth = 0
        var end: Int?
        for index in (close + 1)..<chars.count {
            if chars[index] == "(" { depth += 1 }
            if chars[index] == ")" { depth -= 1 }
            if depth == 0 {
                end = index
                break
            }
        }
        guard let end else { return nil }
        let text = InlineText.plain(String(chars[(start + 1)..<close]))
        let destination = String(chars[(close + 2)..<end]).split(separator: " ").first.map(String.init) ?? ""
        return (text, destination, end + 1)
    }

    /// The destination when following it cannot run script: relative, `#fragment`, `http(s):` or `mailto:`.
    static func safeDestination(_ destination: String) -> String? {
        let trimmed = destination.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        guard !trimmed.isEmpty else { return nil }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return trimmed }
        if let colon = lower.firstIndex(of: ":"),
           !lower[..<colon].contains("/"), !lower[..<colon].contains("#"), !lower[..<colon].contains("?") {
            return nil
        }
        return trimmed
    }

    /// Wraps every escaped occurrence of an unfilled placeholder in `<mark class="unfilled">`.
    static func highlight(_ escaped: String, _ unfilled: [String]) -> String {
        var text = escaped
        for placeholder in unfilled where !placeholder.isEmpty {
            let target = escape(placeholder)
            guard text.contains(target) else { continue }
            text = text.replacingOccurrences(of: target, with: "<mark class=\"unfilled\">\(target)</mark>")
        }
        return text
    }
}
