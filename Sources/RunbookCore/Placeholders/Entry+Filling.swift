extension Entry {
    /// This entry with the placeholders of its commands (its parts' included) and Markdown filled from `labels`.
    ///
    /// Titles and ids are left alone, so the entry can still be found by id. What stayed unfilled is listed by
    /// ``unfilledPlaceholders(labels:)``.
    public func filled(from labels: [String: String]) -> Entry {
        var entry = self
        entry.commands = commands.map { $0.filled(from: labels) }
        entry.markdown = PlaceholderFiller.fill(markdown, labels: labels).text
        entry.parts = parts.map { part in
            var part = part
            part.commands = part.commands.map { $0.filled(from: labels) }
            part.markdown = PlaceholderFiller.fill(part.markdown, labels: labels).text
            return part
        }
        return entry
    }

    /// Placeholders of the entry's commands that no label fills, in order, without repeats.
    public func unfilledPlaceholders(labels: [String: String]) -> [Placeholder] {
        var seen: Set<String> = []
        return commands.flatMap { PlaceholderFiller.fill($0.text, labels: labels).unfilled }
            .filter { seen.insert($0.raw).inserted }
    }
}
