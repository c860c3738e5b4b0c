/// Text with its placeholders filled from an alert's labels, and what could not be filled.
public struct FilledText: Sendable, Hashable {
    /// The text with every fillable placeholder replaced; unfilled ones are left exactly as written.
    public var text: String
    /// Placeholder as written (`<ENVIRONMENT>`) → the value put in its place.
    public var filled: [String: String]
    /// Placeholders left in the text, in order of first appearance, without repeats.
    public var unfilled: [Placeholder]

    /// A result with `text` and what was filled and left unfilled in it.
    public init(text: String, filled: [String: String] = [:], unfilled: [Placeholder] = []) {
        self.text = text
        self.filled = filled
        self.unfilled = unfilled
    }

    /// True when every placeholder found a value.
    public var isComplete: Bool { unfilled.isEmpty }
}
