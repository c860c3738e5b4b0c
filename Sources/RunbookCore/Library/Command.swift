/// A fenced code block inside an entry that holds something to run.
public struct Command: Sendable, Hashable, Codable {
    /// The info string's first word (`bash`, `console`), or nil when the fence has none.
    public var language: String?
    /// The block's text exactly as written, without the fences.
    public var text: String
    /// 1-based line of the opening fence.
    public var line: Int
    /// The lines to run: for a pasted session, what follows each shell prompt;
    /// otherwise the non-empty, non-comment lines. Output lines are left out.
    public var lines: [String]
    /// Placeholders found in `text`, in order of first appearance, without repeats.
    public var placeholders: [Placeholder]

    public init(language: String?, text: String, line: Int, lines: [String], placeholders: [Placeholder]) {
        self.language = language
        self.text = text
        self.line = line
        self.lines = lines
        self.placeholders = placeholders
    }
}
