/// A source line measured for block parsing: its indentation and what follows it.
struct LineShape: Sendable {
    /// Columns of leading whitespace, tabs expanded to multiples of 4.
    let indent: Int
    /// The line without its leading whitespace.
    let content: Substring
    let isBlank: Bool

    init(_ line: String) {
        var columns = 0
        var index = line.startIndex
        while index < line.endIndex {
            let char = line[index]
            if char == " " {
                columns += 1
            } else if char == "\t" {
                columns += 4 - columns % 4
            } else {
                break
            }
            index = line.index(after: index)
        }
        indent = columns
        content = line[index...]
        isBlank = content.allSatisfy(\.isWhitespace)
    }

    /// `#`–`######` followed by a space or the end: the level and the heading text with closing `#`s removed.
    var atxHeading: (level: Int, text: String)? {
        guard indent <= 3, content.first == "#" else { return nil }
        let hashes = content.prefix { $0 == "#" }.count
        guard hashes <= 6 else { return nil }
        let rest = content.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingWhitespace()
        if text.allSatisfy({ $0 == "#" }) {
            text = ""
        } else if text.last == "#" {
            let trimmed = text.reversed().drop { $0 == "#" }
            if let space = trimmed.first, space == " " || space == "\t" {
                text = String(trimmed.reversed()).trimmingWhitespace()
            }
        }
        return (hashes, text)
    }

    /// A Setext underline: 1 for `===`, 2 for `---`.
    var setextLevel: Int? {
        guard indent <= 3, let first = content.first, first == "=" || first == "-" else { return nil }
        let body = content.trimmingWhitespace()
        guard body.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    var isThematicBreak: Bool {
        guard indent <= 3, let first = content.first, first == "-" || first == "*" || first == "_" else {
            return false
        }
        var count = 0
        for char in content {
            if char == first {
                count += 1
            } else if char != " " && char != "\t" {
                return false
            }
        }
        return count >= 3
    }

    /// An opening code fence: its marker character, length and info string.
    var fence: (char: Character, length: Int, info: String)? {
        guard let first = content.first, first == "`" || first == "~" else { return nil }
        let length = content.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        let info = content.dropFirst(length).trimmingWhitespace()
        if first == "`" && info.containsBytes("`") { return nil }
        return (first, length, info)
    }

    /// True when this line closes a fence opened with `char` repeated `length` times.
    func closesFence(char: Character, length: Int) -> Bool {
        guard content.first == char else { return false }
        let run = content.prefix { $0 == char }.count
        return run >= length && content.dropFirst(run).allSatisfy(\.isWhitespace)
    }

    /// A list item marker: the columns it takes including the spaces after it, and the item's text.
    var listMarker: (width: Int, text: Substring)? {
        guard let first = content.first else { return nil }
        var markerLength = 0
        if first == "-" || first == "*" || first == "+" {
            markerLength = 1
        } else {
            let digits = content.prefix { $0.isASCII && $0.isNumber }.count
            guard (1...9).contains(digits), content.count > digits else { return nil }
            let delimiter = content[content.index(content.startIndex, offsetBy: digits)]
            guard delimiter == "." || delimiter == ")" else { return nil }
            markerLength = digits + 1
        }
        let rest = content.dropFirst(markerLength)
        if rest.isEmpty { return (markerLength + 1, rest) }
        guard rest.first == " " || rest.first == "\t" else { return nil }
        let spaces = rest.prefix { $0 == " " || $0 == "\t" }.count
        let text = rest.dropFirst(spaces)
        let width = text.isEmpty || spaces > 4 ? markerLength + 1 : markerLength + spaces
        return (width, text)
    }
}
