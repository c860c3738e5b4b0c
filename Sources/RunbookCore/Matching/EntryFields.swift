import Foundation

/// The text of one entry, field by field, as the index reads it.
struct EntryFields: Sendable {
    var texts: [IndexField: [String]]

    /// Gathers the fields of `entry`, found in `document`; `childText` is the text of its descendant entries.
    init(entry: Entry, document: Document, childText: [String]) {
        let stem = EntryFields.fileStem(document.file)
        let folders = document.file.split(separator: "/").dropLast().map(String.init)
        // Headings keyed to an alert are boiled as the alert's title is (`[Prometheus]: [FIRING:1]`, hosts,
        // `ext4` dropped), so that pasted alert boilerplate does not make headings look alike.
        let title = ([entry.title] + entry.aliases).map { AlertKey.boil(EntryFields.removingPlaceholders($0)) }
        var documentNames: [String] = []
        var path = entry.path.map(EntryFields.removingPlaceholders) + folders
        if entry.path.isEmpty {
            documentNames.append(stem)
            if let frontTitle = EntryFields.frontMatterTitle(document.frontMatter) {
                documentNames.append(frontTitle)
            }
        } else {
            path.append(stem)
        }
        // The entry's text is its prose; the error lines its code blocks paste join it (`quotedErrors`).
        texts = [
            .document: documentNames, .path: path, .text: [entry.text] + EntryFields.quotedErrors(entry, document),
            .children: childText,
        ]
        texts[EntryFields.isOverview(entry, document: document) ? .overview : .title] = title
    }

    /// The error lines pasted in the entry's own code blocks (`ERROR: invalid page in block 0`): what an alert or
    /// a log shows when the entry applies. Commands and other output stay out.
    static func quotedErrors(_ entry: Entry, _ document: Document) -> [String] {
        var found: [String] = []
        for block in document.codeBlocks where block.line > entry.line && block.line <= entry.endLine {
            for line in block.text.split(separator: "\n") where isErrorLine(line) {
                found.append(String(line))
            }
        }
        return found
    }

    /// A line of output that reports an error or a warning, not a command (`$ grep error …`) or a comment.
    static func isErrorLine(_ line: Substring) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.hasPrefix("$") || trimmed.hasPrefix("#") || trimmed.hasPrefix("sudo ") { return false }
        return errorMarkers.contains { trimmed.containsBytes($0) }
    }

    /// What an error or warning line of a log holds (`isErrorLine`).
    static let errorMarkers = [
        "ERROR", "FATAL", "PANIC", "WARNING", "ERR ", "level=error", "Error:", "error:", "Exception",
    ]

    /// A document of at least this many entries is a collection of sections under an overview.
    static let overviewSectionCount = 6

    /// Whether `entry` is the top entry of a long document (see `IndexField.overview`); a heading keyed to an
    /// alert name (`CephOSDFlapping`) stays the entry's title, however many sections follow it.
    static func isOverview(_ entry: Entry, document: Document) -> Bool {
        entry.path.isEmpty && document.entries.count >= overviewSectionCount
            && ServiceScope.headingNames(entry.title).isEmpty
    }

    /// The file name without folders and extension; generic names (`README`, `index`) say nothing.
    static func fileStem(_ file: String) -> String {
        var name = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
        return genericStems.contains(name.lowercased()) ? "" : name
    }

    /// File names that say nothing of what a document is about.
    private static let genericStems: Set<String> = ["readme", "index", "_index"]

    /// The `title:` of YAML front matter, when there is one.
    static func frontMatterTitle(_ frontMatter: String?) -> String? {
        guard let frontMatter else { return nil }
        for line in frontMatter.split(separator: "\n") where line.hasPrefix("title:") {
            let value = line.dropFirst("title:".count).trimmingCharacters(in: .whitespaces)
            return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }

    /// Drops `<ENVIRONMENT>`, `${name}`, `{{ .Labels.x }}` and `$NAME` from a heading: they match any value.
    static func removingPlaceholders(_ text: String) -> String {
        guard text.contains(where: { "<${".contains($0) }) else { return text }
        var out = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first == "<", let close = rest.firstIndex(of: ">"),
               rest[rest.index(after: rest.startIndex)..<close].allSatisfy(isPlaceholderCharacter) {
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix("${"), let close = rest.firstIndex(of: "}") {
                rest = rest[rest.index(after: close)...]
            } else if rest.hasPrefix("{{"), let close = rest.firstRange(ofBytes: "}}") {
                rest = rest[close.upperBound...]
            } else if first == "$", let next = rest.dropFirst().first, next.isLetter || next == "_" {
                rest = rest.dropFirst().drop(while: isPlaceholderCharacter)
            } else {
                out.append(first)
                rest = rest.dropFirst()
            }
        }
        return out
    }

    private static func isPlaceholderCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-" || character == "."
    }
}
