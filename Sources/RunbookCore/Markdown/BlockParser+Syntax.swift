extension BlockParser {
    /// The language of a fence's info string: its first word, without `{…}` attributes or a leading dot.
    static func language(of info: String) -> String? {
        guard let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { return nil }
        var language = word.prefix { $0 != "{" && $0 != "," }
        if language.first == "." { language = language.dropFirst() }
        return language.isEmpty ? nil : String(language)
    }

    /// True for a GFM table delimiter row such as `|---|:--:|` or `--- | ---`.
    static func isDelimiterRow(_ line: String) -> Bool {
        var text = line.trimmingWhitespace()[...]
        guard text.containsBytes("-") else { return false }
        let piped = text.containsBytes("|")
        if text.first == "|" { text = text.dropFirst() }
        if text.last == "|" { text = text.dropLast() }
        let cells = text.split(separator: "|", omittingEmptySubsequences: false)
        guard piped || cells.count > 1 else { return false }
        return cells.allSatisfy { cell in
            var body = cell.trimmingWhitespace()[...]
            if body.first == ":" { body = body.dropFirst() }
            if body.last == ":" { body = body.dropLast() }
            return !body.isEmpty && body.allSatisfy { $0 == "-" }
        }
    }

    /// `[label]: destination "optional title"` on one line.
    static func linkDefinition(_ content: Substring) -> (label: String, destination: String)? {
        guard content.first == "[", let close = content.firstIndex(of: "]") else { return nil }
        let label = content[content.index(after: content.startIndex)..<close]
        let afterLabel = content[content.index(after: close)...]
        guard afterLabel.first == ":", !label.trimmingWhitespace().isEmpty, !label.containsBytes("[") else {
            return nil
        }
        let rest = afterLabel.dropFirst().trimmingWhitespace()
        guard let destinationWord = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { return nil }
        let title = rest.dropFirst(destinationWord.count).trimmingWhitespace()
        if !title.isEmpty {
            guard let open = title.first, let close = title.last, title.count >= 2,
                (open == "\"" && close == "\"") || (open == "'" && close == "'") || (open == "(" && close == ")")
            else { return nil }
        }
        var destination = destinationWord[...]
        if destination.first == "<" && destination.last == ">" { destination = destination.dropFirst().dropLast() }
        return (String(label), String(destination))
    }
}
