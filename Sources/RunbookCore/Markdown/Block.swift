/// One block of a Markdown document, with its source lines.
struct Block: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// An ATX or Setext heading; `raw` is its inline Markdown.
        case heading(level: Int, raw: String, setext: Bool)
        /// A paragraph outside lists and quotes.
        case paragraph
        /// Text of list items (markers stripped).
        case listText
        /// Text inside a block quote (`>` stripped).
        case quote
        /// A GFM table, one line per row.
        case table
        /// Fenced or indented code; `info` is the whole info string.
        case code(language: String?, info: String, fenced: Bool)
        /// An HTML block; `comment` when it is a `<!-- … -->` comment.
        case html(comment: Bool)
        /// A thematic break (`---`, `***`).
        case thematicBreak
        /// `[label]: destination`.
        case linkDefinition(label: String, destination: String)
    }

    var kind: Kind
    /// 1-based first source line.
    var line: Int
    /// 1-based last source line (a Setext underline or closing fence included).
    var endLine: Int
    /// The content lines: code text, paragraph lines without container markers.
    var lines: [String]

    /// True for blocks whose text is prose (they carry inline Markdown and links).
    var isProse: Bool {
        switch kind {
        case .paragraph, .listText, .quote, .table, .html(comment: false): return true
        default: return false
        }
    }
}
