/// One situation a runbook answers: an alert, a failure or a procedure.
///
/// An entry is a section of a document that is not a part. Its id is
/// `<path relative to the library folder>#<anchor>` (see DESIGN.md).
public struct Entry: Sendable, Hashable, Codable, Identifiable {
    /// `path#anchor`, e.g. `devops-oncall.md#diskusagewarning-xqwatcher`.
    public var id: String
    /// Path of the document relative to its library folder, forward slashes.
    public var file: String
    /// GitHub-style anchor of the entry's first heading.
    public var anchor: String
    /// Plain text of the first heading (inline markup reduced to text).
    public var title: String
    /// Plain text of the other headings that name the same entry.
    public var aliases: [String]
    /// Heading level, 1–6.
    public var level: Int
    /// 1-based source line of the first heading.
    public var line: Int
    /// Titles of the ancestor entries, outermost first.
    public var path: [String]
    /// Id of the enclosing entry, if any.
    public var parentID: String?
    /// Parts (Diagnosis, Mitigation…) in document order.
    public var parts: [Part]
    /// Commands of the entry, its parts included, in document order.
    public var commands: [Command]
    /// Plain text of the entry's own body: everything under its heading up to
    /// the first child entry, parts included, code excluded.
    public var text: String
    /// 1-based last line of the entry's own body (before its first child entry).
    public var endLine: Int
    /// The entry's own body as Markdown source (heading line excluded), for rendering.
    public var markdown: String

    public init(
        id: String, file: String, anchor: String, title: String, aliases: [String] = [], level: Int, line: Int,
        path: [String] = [], parentID: String? = nil, parts: [Part] = [], commands: [Command] = [],
        text: String = "", endLine: Int? = nil, markdown: String = ""
    ) {
        self.id = id
        self.file = file
        self.anchor = anchor
        self.title = title
        self.aliases = aliases
        self.level = level
        self.line = line
        self.path = path
        self.parentID = parentID
        self.parts = parts
        self.commands = commands
        self.text = text
        self.endLine = endLine ?? line
        self.markdown = markdown
    }

    /// The entry's first part of the given kind.
    public func part(_ kind: PartKind) -> Part? {
        parts.first { $0.kind == kind }
    }
}
