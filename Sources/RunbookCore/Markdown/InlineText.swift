/// Turns inline Markdown into the text a reader sees.
///
/// Code spans lose their backticks, links and images keep their text, emphasis markers and HTML tags go,
/// `<ENVIRONMENT>`-style placeholders stay as text, and simple entities are decoded.
///
/// ```swift
/// InlineText.plain("Check `df -h` on **<HOST>**")  // "Check df -h on <HOST>"
/// ```
public enum InlineText {
    /// The plain text of `markdown`; `[text][ref]` reference links keep their text.
    public static func plain(_ markdown: String) -> String {
        InlineParser(definitions: nil).parse(markdown).text
    }
}
