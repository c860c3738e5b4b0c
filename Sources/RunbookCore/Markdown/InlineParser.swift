/// Reduces inline Markdown to plain text and collects its links, in one left-to-right pass.
///
/// A simplified CommonMark inline algorithm: code spans, backslash escapes, entities, autolinks, raw HTML, inline
/// and reference links and images, and emphasis (`*`, `_`, `~`) paired with a delimiter stack. Every scan that
/// looks ahead is bounded or memoised, so the cost stays linear in the input.
struct InlineParser {
    /// A link found in the text, with the 0-based line of its opening bracket within the text.
    struct FoundLink: Sendable, Hashable {
        var destination: String
        var text: String
        var lineOffset: Int
        var isImage: Bool
    }

    /// What parsing produced: plain text and links.
    struct Output: Sendable, Hashable {
        var text: String
        var links: [FoundLink]
    }

    private enum Node {
        case text(String)
        case delimiter(Character, count: Int, canOpen: Bool, canClose: Bool)
        case bracket(image: Bool, position: Int)
        case link(String)
    }

    private static let lookAheadLimit = 4096

    /// The bytes `Run.scan` acts on rather than copies: a backslash, a backtick, `&`, `<`, `[`, `]`, `*`, `_` and `~`
    /// (a `!` counts only before `[`).
    private static let startsMarkup: [Bool] = (0...255).map { byte in
        "\\`&<[]*_~".utf8.contains(UInt8(byte))
    }

    /// Link reference definitions (normalised label → destination); nil means "any reference resolves".
    let definitions: [String: String]?

    /// Parses `markdown`; reference links resolve against `definitions`.
    func parse(_ markdown: String) -> Output {
        // Text without a byte that can start markup is its own plain text: most headings and many paragraphs. The
        // scan below would copy it character by character, and forming each character is most of its cost.
        if !markdown.utf8.contains(where: { InlineParser.startsMarkup[Int($0)] }) {
            return Output(text: markdown, links: [])
        }
        return scanned(markdown)
    }

    /// Parses `markdown` character by character, whatever it holds.
    func scanned(_ markdown: String) -> Output {
        var run = Run(chars: Array(markdown), definitions: definitions)
        run.scan()
        InlineParser.resolveEmphasis(&run.nodes, from: 0)
        let text = InlineParser.render(run.nodes[...])
        return Output(text: text, links: run.links)
    }

    /// Normalises a reference label for lookup: case-folded, inner whitespace collapsed.
    static func normalizeLabel(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func render(_ nodes: ArraySlice<Node>) -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .text(let text), .link(let text):
                out += text
            case .delimiter(let char, let count, _, _):
                out += String(repeating: char, count: count)
            case .bracket(let image, _):
                out += image ? "![" : "["
            }
        }
        return out
    }

    /// Pairs emphasis delimiters from `start` on and removes the matched markers.
    private static func resolveEmphasis(_ nodes: inout [Node], from start: Int) {
        var openers: [Character: [Int]] = [:]
        var index = start
        while index < nodes.count {
            guard case .delimiter(let char, var count, let canOpen, let canClose) = nodes[index] else {
                index += 1
                continue
            }
            if canClose {
                while count > 0, let opener = openers[char]?.last,
                    case .delimiter(_, let openCount, let oOpen, let oClose) = nodes[opener] {
                    let used = min(count, openCount, 2)
                    count -= used
                    nodes[opener] = .delimiter(char, count: openCount - used, canOpen: oOpen, canClose: oClose)
                    if openCount - used == 0 { openers[char]?.removeLast() }
                }
            }
            nodes[index] = .delimiter(char, count: count, canOpen: canOpen, canClose: canClose)
            if canOpen && count > 0 { openers[char, default: []].append(index) }
            index += 1
        }
    }

    private struct Run {
        let chars: [Character]
        let definitions: [String: String]?
        var nodes: [Node] = []
        var links: [FoundLink] = []
        var brackets: [Int] = []
        /// Plain `[` openers at stack positions below this cannot open a link: a link closed after them.
        var inactiveBelow = 0
        /// Characters of link text rendered so far; nested images stop forming links once it runs out.
        var renderBudget: Int
        var destinationDeadUntil = -1
        var buffer = ""
        var position = 0
        var newlines: [Int] = []
        var backtickRuns: [Int: (length: Int, next: Int?)] = [:]
        var commentCloseMissing = false

        init(chars: [Character], definitions: [String: String]?) {
            self.chars = chars
            self.definitions = definitions
            self.renderBudget = 4 * chars.count + 1024
            indexText()
        }

        private mutating func indexText() {
            var runs: [(start: Int, length: Int)] = []
            var index = 0
            while index < chars.count {
                if chars[index] == "\n" { newlines.append(index) }
                if chars[index] == "`" {
                    let start = index
                    while index < chars.count && chars[index] == "`" { index += 1 }
                    runs.append((start, index - start))
                    continue
                }
                index += 1
            }
            var nextByLength: [Int: Int] = [:]
            for run in runs.reversed() {
                backtickRuns[run.start] = (run.length, nextByLength[run.length])
                nextByLength[run.length] = run.start
            }
        }

        func line(of position: Int) -> Int {
            var low = 0
            var high = newlines.count
            while low < high {
                let mid = (low + high) / 2
                if newlines[mid] < position { low = mid + 1 } else { high = mid }
            }
            return low
        }

        mutating func flush() {
            if !buffer.isEmpty {
                nodes.append(.text(buffer))
                buffer = ""
            }
        }

        mutating func scan() {
            while position < chars.count {
                let char = chars[position]
                switch char {
                case "\\": escape()
                case "`": codeSpan()
                case "&": entity()
                case "<": angle()
                case "!" where position + 1 < chars.count && chars[position + 1] == "[":
                    flush()
                    brackets.append(nodes.count)
                    nodes.append(.bracket(image: true, position: position))
                    position += 2
                case "[":
                    flush()
                    brackets.append(nodes.count)
                    nodes.append(.bracket(image: false, position: position))
                    position += 1
                case "]": closeBracket()
                case "*", "_", "~": delimiterRun(char)
                default:
                    buffer.append(char)
                    position += 1
                }
            }
            flush()
        }

        private mutating func escape() {
            let next = position + 1
            if next < chars.count, chars[next].isASCII, chars[next].isPunctuation || chars[next].isSymbol {
                buffer.append(chars[next])
                position += 2
            } else {
                buffer.append("\\")
                position += 1
            }
        }

        private mutating func codeSpan() {
            guard let run = backtickRuns[position] else {
                buffer.append("`")
                position += 1
                return
            }
            guard let close = run.next else {
                buffer += String(repeating: "`", count: run.length)
                position += run.length
                return
            }
            var content = String(chars[(position + run.length)..<close]).replacingNewlines()
            if content.count >= 2, content.first == " ", content.last == " ",
                content.contains(where: { $0 != " " }) {
                content.removeFirst()
                content.removeLast()
            }
            buffer += content
            position = close + run.length
        }

        private mutating func entity() {
            let limit = min(chars.count, position + 32)
            var end = position + 1
            while end < limit && chars[end] != ";" && !chars[end].isWhitespace { end += 1 }
            guard end < limit, chars[end] == ";",
                let decoded = Entities.decode(String(chars[(position + 1)..<end])) else {
                buffer.append("&")
                position += 1
                return
            }
            buffer += decoded
            position = end + 1
        }

        private mutating func angle() {
            if let end = comment() {
                position = end
                return
            }
            if let (end, destination) = autolink() {
                flush()
                links.append(FoundLink(destination: destination, text: destination, lineOffset: line(of: position),
                                       isImage: false))
                nodes.append(.link(destination))
                position = end
                return
            }
            if let (end, drop) = tag() {
                if !drop { buffer += String(chars[position..<end]) }
                position = end
                return
            }
            buffer.append("<")
            position += 1
        }

        private mutating func comment() -> Int? {
            guard !commentCloseMissing, position + 3 < chars.count, chars[position + 1] == "!",
                chars[position + 2] == "-", chars[position + 3] == "-" else { return nil }
            var index = position + 4
            while index + 2 < chars.count {
                if chars[index] == "-" && chars[index + 1] == "-" && chars[index + 2] == ">" { return index + 3 }
                index += 1
            }
            commentCloseMissing = true
            return nil
        }

        private func autolink() -> (Int, String)? {
            let limit = min(chars.count, position + InlineParser.lookAheadLimit)
            var index = position + 1
            while index < limit, chars[index] != ">", chars[index] != "<", !chars[index].isWhitespace {
                index += 1
            }
            guard index < limit, chars[index] == ">" else { return nil }
            let inner = String(chars[(position + 1)..<index])
            if let colon = inner.firstIndex(of: ":") {
                let scheme = inner[..<colon]
                guard (2...32).contains(scheme.count), let first = scheme.first, first.isASCII, first.isLetter,
                    scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) })
                else { return nil }
                return (index + 1, inner)
            }
            let parts = inner.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].containsBytes("."),
                !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return nil }
            return (index + 1, "mailto:" + inner)
        }

        /// An HTML tag at `position`: its end, and whether to drop it (a real tag) or keep it (a placeholder).
        ///
        /// A tag is real when it closes, names a known element or has an attribute with a value; an unknown name
        /// with bare words (`<ENVIRONMENT>`, `<NODE POOL NAME>`) is a placeholder and stays as text.
        private func tag() -> (Int, Bool)? {
            let limit = min(chars.count, position + InlineParser.lookAheadLimit)
            var index = position + 1
            let closing = index < limit && chars[index] == "/"
            if closing { index += 1 }
            let nameStart = index
            guard index < limit, chars[index].isASCII, chars[index].isLetter else { return nil }
            while index < limit, chars[index].isASCII, chars[index].isLetter || chars[index].isNumber
                || chars[index] == "-" {
                index += 1
            }
            let name = String(chars[nameStart..<index]).lowercased()
            var valued = false
            while true {
                let spaceStart = index
                while index < limit, chars[index].isWhitespace { index += 1 }
                guard index < limit else { return nil }
                if chars[index] == ">" {
                    return (index + 1, closing || valued || HTMLTags.known.contains(name))
                }
                if chars[index] == "/", index + 1 < limit, chars[index + 1] == ">" {
                    return (index + 2, true)
                }
                guard !closing, index > spaceStart, let attribute = attribute(from: index, limit: limit) else {
                    return nil
                }
                valued = valued || attribute.valued
                index = attribute.end
            }
        }

        private func attribute(from start: Int, limit: Int) -> (end: Int, valued: Bool)? {
            var index = start
            guard chars[index].isASCII, chars[index].isLetter || chars[index] == "_" || chars[index] == ":" else {
                return nil
            }
            while index < limit, chars[index].isASCII,
                chars[index].isLetter || chars[index].isNumber || "_.:-".contains(chars[index]) {
                index += 1
            }
            var probe = index
            while probe < limit, chars[probe].isWhitespace { probe += 1 }
            guard probe < limit, chars[probe] == "=" else { return (index, false) }
            probe += 1
            while probe < limit, chars[probe].isWhitespace { probe += 1 }
            guard probe < limit else { return nil }
            if chars[probe] == "\"" || chars[probe] == "'" {
                let quote = chars[probe]
                probe += 1
                while probe < limit, chars[probe] != quote { probe += 1 }
                return probe < limit ? (probe + 1, true) : nil
            }
            let valueStart = probe
            while probe < limit, !chars[probe].isWhitespace, !"\"'=<>`".contains(chars[probe]) { probe += 1 }
            return probe > valueStart ? (probe, true) : nil
        }

        private mutating func delimiterRun(_ char: Character) {
            let start = position
            while position < chars.count && chars[position] == char { position += 1 }
            let before: Character = start > 0 ? chars[start - 1] : " "
            let after: Character = position < chars.count ? chars[position] : " "
            let beforeSpace = before.isWhitespace
            let afterSpace = after.isWhitespace
            let beforePunct = before.isPunctuation || before.isSymbol
            let afterPunct = after.isPunctuation || after.isSymbol
            let left = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
            let right = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
            var canOpen = left
            var canClose = right
            if char == "_" {
                canOpen = left && (!right || beforePunct)
                canClose = right && (!left || afterPunct)
            }
            if char == "~" && position - start > 2 {
                buffer += String(repeating: "~", count: position - start)
                return
            }
            flush()
            nodes.append(.delimiter(char, count: position - start, canOpen: canOpen, canClose: canClose))
        }

        private mutating func closeBracket() {
            guard let openerIndex = brackets.last,
                case .bracket(let image, let openPosition) = nodes[openerIndex] else {
                buffer.append("]")
                position += 1
                return
            }
            brackets.removeLast()
            let active = image || brackets.count >= inactiveBelow
            inactiveBelow = min(inactiveBelow, brackets.count)
            let labelStart = openPosition + (image ? 2 : 1)
            let label = position - labelStart <= 999 ? String(chars[labelStart..<position]) : nil
            guard active, renderBudget > 0, let (end, destination) = linkTail(after: position + 1, label: label) else {
                buffer.append("]")
                position += 1
                return
            }
            flush()
            InlineParser.resolveEmphasis(&nodes, from: openerIndex + 1)
            let text = InlineParser.render(nodes[(openerIndex + 1)...])
            renderBudget -= text.count
            nodes.removeSubrange(openerIndex...)
            nodes.append(.link(text))
            links.append(FoundLink(destination: destination, text: text, lineOffset: line(of: openPosition),
                                   isImage: image))
            if !image { inactiveBelow = brackets.count }
            position = end
        }

        /// What follows `]`: an inline destination, a reference, or a shortcut reference.
        private mutating func linkTail(after start: Int, label: String?) -> (Int, String)? {
            if start < chars.count, chars[start] == "(", let inline = inlineDestination(from: start + 1) {
                return inline
            }
            guard let label else { return nil }
            if start < chars.count, chars[start] == "[" {
                let limit = min(chars.count, start + 1000)
                var index = start + 1
                while index < limit, chars[index] != "]", chars[index] != "[" { index += 1 }
                if index < limit, chars[index] == "]" {
                    let reference = String(chars[(start + 1)..<index])
                    let key = reference.trimmingWhitespace().isEmpty ? label : reference
                    if let destination = resolve(key) { return (index + 1, destination) }
                    return nil
                }
            }
            guard let definitions, let destination = definitions[InlineParser.normalizeLabel(label)] else {
                return nil
            }
            return (start, destination)
        }

        private func resolve(_ reference: String) -> String? {
            guard let definitions else { return reference }
            return definitions[InlineParser.normalizeLabel(reference)]
        }

        private mutating func inlineDestination(from start: Int) -> (Int, String)? {
            guard start > destinationDeadUntil else { return nil }
            let limit = min(chars.count, start + InlineParser.lookAheadLimit)
            var index = start
            while index < limit, chars[index].isWhitespace { index += 1 }
            var destination = ""
            if index < limit, chars[index] == "<" {
                index += 1
                while index < limit, chars[index] != ">", chars[index] != "\n" {
                    destination.append(chars[index])
                    index += 1
                }
                guard index < limit, chars[index] == ">" else { return nil }
                index += 1
            } else {
                var depth = 0
                while index < limit, !chars[index].isWhitespace {
                    let char = chars[index]
                    if char == "(" { depth += 1 }
                    if char == ")" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    if char == "\\", index + 1 < limit, chars[index + 1].isPunctuation {
                        index += 1
                    }
                    destination.append(chars[index])
                    index += 1
                }
            }
            if index >= limit {
                destinationDeadUntil = index
                return nil
            }
            while index < limit, chars[index].isWhitespace { index += 1 }
            if index < limit, let closer = InlineParser.titleCloser(chars[index]) {
                index += 1
                while index < limit, chars[index] != closer { index += 1 }
                guard index < limit else { return nil }
                index += 1
                while index < limit, chars[index].isWhitespace { index += 1 }
            }
            guard index < limit, chars[index] == ")" else { return nil }
            return (index + 1, destination)
        }
    }

    private static func titleCloser(_ char: Character) -> Character? {
        switch char {
        case "\"": return "\""
        case "'": return "'"
        case "(": return ")"
        default: return nil
        }
    }
}
