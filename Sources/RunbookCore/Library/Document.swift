/// One Markdown file of a runbook library, parsed.
public struct Document: Sendable, Hashable, Codable {
    /// Path relative to the library folder, forward slashes.
    public var file: String
    /// Every heading in source order, part headings included (front matter, code and comments hold none).
    public var headings: [Heading]
    /// Entries in source order.
    public var entries: [Entry]
    /// Every inline link and image, with its line.
    public var links: [Link]
    /// Fenced and indented code blocks, with their lines (inside entries or not).
    public var codeBlocks: [CodeBlock]
    /// YAML front matter as written, without the `---` lines; nil when the document has none.
    public var frontMatter: String?
    /// The source lines, for rules that scan text (secrets) and for rendering.
    public var lines: [String]

    public init(
        file: String, headings: [Heading] = [], entries: [Entry] = [], links: [Link] = [],
        codeBlocks: [CodeBlock] = [], frontMatter: String? = nil, lines: [String] = []
    ) {
        self.file = file
        self.headings = headings
        self.entries = entries
        self.links = links
        self.codeBlocks = codeBlocks
        self.frontMatter = frontMatter
        self.lines = lines
    }
}

/// A heading as it appears in a document.
public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    /// Plain text (inline markup reduced to text).
    public var text: String
    /// The heading's inline Markdown as written.
    public var raw: String
    /// GitHub slug, with `-1`, `-2` for repeats in the same document.
    public var anchor: String
    public var line: Int
    /// True for a Setext heading (`===` / `---` underline).
    public var setext: Bool
    /// The part this heading names, when it is a part heading.
    public var part: PartKind?

    public init(level: Int, text: String, raw: String, anchor: String, line: Int, setext: Bool = false,
                part: PartKind? = nil) {
        self.level = level
        self.text = text
        self.raw = raw
        self.anchor = anchor
        self.line = line
        self.setext = setext
        self.part = part
    }
}

/// An inline link, reference link or image.
public struct Link: Sendable, Hashable, Codable {
    /// The destination as written (`#anchor`, `other.md#x`, `https://…`).
    public var destination: String
    /// The link text (alt text for an image).
    public var text: String
    public var line: Int
    public var isImage: Bool

    public init(destination: String, text: String, line: Int, isImage: Bool = false) {
        self.destination = destination
        self.text = text
        self.line = line
        self.isImage = isImage
    }
}

/// A code block anywhere in a document.
public struct CodeBlock: Sendable, Hashable, Codable {
    /// The info string's first word, nil when absent (always nil for indented code).
    public var language: String?
    public var text: String
    /// 1-based line of the opening fence (or first line of indented code).
    public var line: Int
    public var fenced: Bool

    public init(language: String?, text: String, line: Int, fenced: Bool) {
        self.language = language
        self.text = text
        self.line = line
        self.fenced = fenced
    }
}
