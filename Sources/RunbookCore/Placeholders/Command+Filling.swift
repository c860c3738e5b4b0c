extension Command {
    /// This command with its placeholders filled from `labels`.
    ///
    /// `text` and `lines` carry the values; `placeholders` keeps only those that stayed unfilled.
    public func filled(from labels: [String: String]) -> Command {
        let filledText = PlaceholderFiller.fill(text, labels: labels)
        return Command(
            language: language, text: filledText.text, line: line,
            lines: lines.map { PlaceholderFiller.fill($0, labels: labels).text },
            placeholders: filledText.unfilled
        )
    }
}
