/// An entry made ready for the person on call: parts in reading order, placeholders filled from an alert's labels
/// (in the title and aliases too: `operations-<ENVIRONMENT>` reads `operations-qa`).
///
/// Diagnosis comes first, then Mitigation, then the other parts in document order. Placeholders with no matching
/// label stay as written and are listed in `unfilled`, so nobody runs a command that still holds `<ENVIRONMENT>`.
///
/// ```swift
/// let ready = FilledEntry(entry: entry, labels: ["environment": "qa", "pod": "web-1"])
/// print(ready.parts.first?.markdown ?? ready.introduction)
/// ```
public struct FilledEntry: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var aliases: [String]
    public var file: String
    public var line: Int
    public var path: [String]
    /// The body before the first part (the whole body when the entry has no parts), filled.
    public var introduction: String
    public var parts: [FilledPart]
    public var commands: [FilledCommand]
    /// The first command to run (of ``Entry/leadingCommand``), filled: one command line, never its output.
    public var command: String?
    /// The whole block that command comes from, filled, output and notes included.
    public var block: String?
    /// Placeholder as written → the value it was filled with.
    public var filled: [String: String]
    /// Placeholders no label could fill, each once.
    public var unfilled: [Placeholder]

    public init(entry: Entry, labels: [String: String]) {
        id = entry.id
        file = entry.file
        line = entry.line
        path = entry.path
        var filled: [String: String] = [:]
        var unfilled: [Placeholder] = []
        func fill(_ text: String) -> String {
            let result = PlaceholderFiller.fill(text, labels: labels)
            filled.merge(result.filled) { first, _ in first }
            for placeholder in result.unfilled where !unfilled.contains(where: { $0.raw == placeholder.raw }) {
                unfilled.append(placeholder)
            }
            return result.text
        }
        title = fill(entry.title)
        aliases = entry.aliases.map(fill)
        introduction = fill(Self.introduction(of: entry))
        parts = Self.readingOrder(entry.parts).map {
            FilledPart(kind: $0.kind, title: $0.title, line: $0.line, markdown: fill($0.markdown))
        }
        commands = entry.commands.map { command in
            FilledCommand(
                language: command.language, line: command.line, text: fill(command.text),
                lines: command.lines.map { PlaceholderFiller.fill($0, labels: labels).text },
                unfilled: PlaceholderFiller.fill(command.text, labels: labels).unfilled
            )
        }
        let leading = entry.leadingCommand.map { $0.filled(from: labels) }
        command = leading?.lines.first
        block = leading?.text
        self.filled = filled
        self.unfilled = unfilled
    }

    /// Diagnosis, then Mitigation, then the rest in document order.
    static func readingOrder(_ parts: [Part]) -> [Part] {
        let first: [PartKind] = [.diagnosis, .mitigation]
        let leading = first.flatMap { kind in parts.filter { $0.kind == kind } }
        return leading + parts.filter { !first.contains($0.kind) }
    }

    /// The entry's Markdown before its first part, found by source line.
    static func introduction(of entry: Entry) -> String {
        guard let firstPart = entry.parts.map(\.line).min() else { return entry.markdown }
        let lines = entry.markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let firstLine = entry.endLine - lines.count + 1
        let count = max(0, min(lines.count, firstPart - firstLine))
        return lines.prefix(count).joined(separator: "\n").trimmingTrailingBlankLines()
    }
}

/// A part of a `FilledEntry`.
public struct FilledPart: Sendable, Hashable, Codable {
    public var kind: PartKind
    public var title: String
    public var line: Int
    public var markdown: String
}

/// A command of a `FilledEntry`, filled; `unfilled` lists what still needs a value before it can run.
public struct FilledCommand: Sendable, Hashable, Codable {
    public var language: String?
    public var line: Int
    public var text: String
    public var lines: [String]
    public var unfilled: [Placeholder]
}

extension String {
    fileprivate func trimmingTrailingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }
}
