/// How an HTML block begins, and so how it ends (CommonMark HTML block types 1, 2, 6 and 7).
struct HTMLBlockStart: Sendable {
    /// Text that ends the block on the line where it appears (lowercase); nil when a blank line ends it.
    let terminator: String?
    /// Characters of the first line to skip before looking for the terminator.
    let terminatorSearchOffset: Int
    let isComment: Bool
    /// Type 7: a lone tag, which cannot interrupt a paragraph.
    let needsOwnParagraph: Bool

    var endsAtBlankLine: Bool { terminator == nil }

    init?(_ content: Substring) {
        guard content.first == "<" else { return nil }
        if content.hasPrefix("<!--") {
            self.init(terminator: "-->", offset: 4, comment: true, lone: false)
            return
        }
        var rest = content.dropFirst()
        let closing = rest.first == "/"
        if closing { rest = rest.dropFirst() }
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        guard let first = name.first, first.isLetter else { return nil }
        let lowered = name.lowercased()
        let after = rest.dropFirst(name.count)
        let boundary = after.isEmpty || after.first == " " || after.first == "\t" || after.first == ">"
            || after.hasPrefix("/>")
        guard boundary else { return nil }
        if !closing, HTMLTags.raw.contains(lowered) {
            self.init(terminator: "</\(lowered)>", offset: 1, comment: false, lone: false)
        } else if HTMLTags.block.contains(lowered) {
            self.init(terminator: nil, offset: 0, comment: false, lone: false)
        } else if HTMLBlockStart.isLoneTag(content, known: HTMLTags.known.contains(lowered), closing: closing) {
            self.init(terminator: nil, offset: 0, comment: false, lone: true)
        } else {
            return nil
        }
    }

    private init(terminator: String?, offset: Int, comment: Bool, lone: Bool) {
        self.terminator = terminator
        self.terminatorSearchOffset = offset
        self.isComment = comment
        self.needsOwnParagraph = lone
    }

    /// A known element's tag (or any tag with attributes, or a closing tag) alone on its line.
    private static func isLoneTag(_ content: Substring, known: Bool, closing: Bool) -> Bool {
        let text = content.trimmingWhitespace()
        guard text.hasSuffix(">"), text.filter({ $0 == "<" }).count == 1 else { return false }
        return known || closing || text.containsBytes("=")
    }
}
