/// Finds the variable parts of a command or heading.
///
/// Recognised forms:
/// - `<ENVIRONMENT>`, `<env>`, `<your-username>`, `v<VERSION>`: a name in angle brackets that is not an HTML tag
///   (`<br>`, `<details>`), not an arrow (`<<<<`), not a tag with attributes (`<a href…>`) and not an autolink.
/// - `${task_type}` (also `${NAME:-default}`).
/// - `$NAMESPACE`: upper-case names only. Lower-case `$var` is almost always a variable the snippet sets itself
///   (a loop variable), and well-known environment variables (`$HOME`, `$PATH`, `$USER`…) are filled by the
///   shell, so neither is a placeholder. `$1`, `$?`, `$$`, `$@`, `$(…)` are shell syntax, not placeholders.
/// - `{{ .Labels.pod }}`, `{{ $labels.pod }}`, `{{ pod }}`: template fields, named by their last component.
///
/// A `$NAME` or `${NAME}` that the same text assigns (`NAME=…`, `export NAME=…`, `for NAME in`, `read NAME`)
/// is the snippet's own variable and not reported.
///
/// ```swift
/// PlaceholderScanner.placeholders(in: "kubectl -n $NAMESPACE get pod <POD>").map(\.raw)  // ["$NAMESPACE", "<POD>"]
/// ```
public enum PlaceholderScanner {
    /// Placeholders in order of first appearance, without repeats (by `raw`).
    public static func placeholders(in text: String) -> [Placeholder] {
        var seen: Set<String> = []
        return occurrences(in: text).compactMap { occurrence in
            seen.insert(occurrence.placeholder.raw).inserted ? occurrence.placeholder : nil
        }
    }

    /// One placeholder where it appears.
    struct Occurrence: Sendable {
        var placeholder: Placeholder
        var range: Range<String.Index>
    }

    /// Every placeholder occurrence, repeats included, in order.
    static func occurrences(in text: String) -> [Occurrence] {
        // Every placeholder starts at a `<`, `$` or `{`: a text without one of those bytes has none, and is not read
        // character by character (most of a library's code blocks).
        guard text.utf8.contains(where: { byte in
            byte == UInt8(ascii: "<") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "{")
        }) else { return [] }
        var found: [Occurrence] = []
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            var match: Occurrence?
            switch char {
            case "<": match = angle(in: text, at: index)
            case "$": match = dollar(in: text, at: index)
            case "{": match = template(in: text, at: index)
            default: break
            }
            if let match {
                found.append(match)
                index = match.range.upperBound
            } else {
                index = text.index(after: index)
            }
        }
        // Only `$NAME` placeholders can be names the text assigns itself.
        guard found.contains(where: { $0.placeholder.syntax != .angle && $0.placeholder.syntax != .template }) else {
            return found
        }
        let assigned = assignedNames(in: text)
        guard !assigned.isEmpty else { return found }
        return found.filter { occurrence in
            occurrence.placeholder.syntax == .angle || occurrence.placeholder.syntax == .template
                || !assigned.contains(occurrence.placeholder.name)
        }
    }

    static let shellVariables: Set<String> = [
        "HOME", "PATH", "USER", "PWD", "OLDPWD", "SHELL", "HOSTNAME", "TERM", "EDITOR", "VISUAL", "LANG", "LC_ALL",
        "TMPDIR", "UID", "EUID", "RANDOM", "LINENO", "SECONDS", "IFS", "PS1", "PS2", "PPID", "BASH", "BASHPID",
        "BASH_SOURCE", "PIPESTATUS", "REPLY", "OPTARG", "OPTIND", "LOGNAME", "MAIL", "DISPLAY", "SSH_AUTH_SOCK",
    ]

    private static func isNameStart(_ char: Character) -> Bool {
        char.isASCII && (char.isLetter || char == "_")
    }

    private static func isNameChar(_ char: Character) -> Bool {
        char.isASCII && (char.isLetter || char.isNumber || char == "_")
    }

    private static func angle(in text: String, at start: String.Index) -> Occurrence? {
        if start > text.startIndex, text[text.index(before: start)] == "<" { return nil }
        var index = text.index(after: start)
        guard index < text.endIndex, isNameStart(text[index]) else { return nil }
        var length = 0
        var lastWasSpace = false
        while index < text.endIndex, length <= 64 {
            let char = text[index]
            if char == ">" { break }
            if char == " " {
                guard !lastWasSpace else { return nil }
                lastWasSpace = true
            } else if isNameChar(char) || char == "-" || char == "." {
                lastWasSpace = false
            } else {
                return nil
            }
            index = text.index(after: index)
            length += 1
        }
        guard index < text.endIndex, text[index] == ">", !lastWasSpace else { return nil }
        let name = String(text[text.index(after: start)..<index])
        guard !HTMLTags.known.contains(name.lowercased()) else { return nil }
        let end = text.index(after: index)
        return Occurrence(placeholder: Placeholder(name: name, raw: String(text[start..<end]), syntax: .angle),
                          range: start..<end)
    }

    private static func dollar(in text: String, at start: String.Index) -> Occurrence? {
        if start > text.startIndex, text[text.index(before: start)] == "\\" { return nil }
        let next = text.index(after: start)
        guard next < text.endIndex else { return nil }
        if text[next] == "{" {
            var index = text.index(after: next)
            guard index < text.endIndex, isNameStart(text[index]) else { return nil }
            let nameStart = index
            while index < text.endIndex, isNameChar(text[index]) { index = text.index(after: index) }
            let name = String(text[nameStart..<index])
            var steps = 0
            while index < text.endIndex, text[index] != "}", text[index] != "\n", steps < 200 {
                index = text.index(after: index)
                steps += 1
            }
            guard index < text.endIndex, text[index] == "}", !shellVariables.contains(name) else { return nil }
            let end = text.index(after: index)
            return Occurrence(placeholder: Placeholder(name: name, raw: String(text[start..<end]), syntax: .braced),
                              range: start..<end)
        }
        guard text[next].isASCII, text[next].isUppercase else { return nil }
        var index = next
        while index < text.endIndex, isNameChar(text[index]) { index = text.index(after: index) }
        let name = String(text[next..<index])
        guard name.allSatisfy({ !$0.isLowercase }), !shellVariables.contains(name) else { return nil }
        return Occurrence(placeholder: Placeholder(name: name, raw: String(text[start..<index]), syntax: .dollar),
                          range: start..<index)
    }

    private static func template(in text: String, at start: String.Index) -> Occurrence? {
        let second = text.index(after: start)
        guard second < text.endIndex, text[second] == "{" else { return nil }
        var index = text.index(after: second)
        var steps = 0
        while index < text.endIndex, text[index] != "}", text[index] != "\n", steps < 200 {
            index = text.index(after: index)
            steps += 1
        }
        let closeEnd = text.index(index, offsetBy: 2, limitedBy: text.endIndex)
        guard let closeEnd, text[index..<closeEnd] == "}}" else { return nil }
        let body = text[text.index(after: second)..<index].trimmingWhitespace()
        var path = body[...]
        if path.first == "." || path.first == "$" { path = path.dropFirst() }
        guard let first = path.first, isNameStart(first),
            path.allSatisfy({ isNameChar($0) || $0 == "." }),
            let name = path.split(separator: ".").last else { return nil }
        return Occurrence(placeholder: Placeholder(name: String(name), raw: String(text[start..<closeEnd]),
                                                   syntax: .template),
                          range: start..<closeEnd)
    }

    /// Names the text assigns itself: `NAME=`, `export NAME=`, `for NAME in`, `read NAME`.
    private static func assignedNames(in text: String) -> Set<String> {
        var names: Set<String> = []
        for line in text.asciiSplit("\n") {
            let words = line.asciiSplit { byte in
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ";")
                    || byte == UInt8(ascii: "(")
            }
            for (position, word) in words.enumerated() {
                if let equals = word.firstIndex(of: "="), equals > word.startIndex {
                    let name = word[..<equals]
                    if let first = name.first, isNameStart(first), name.allSatisfy(isNameChar) {
                        names.insert(String(name))
                    }
                }
                if (word == "for" || word == "read") && position + 1 < words.count {
                    names.insert(String(words[position + 1]))
                }
            }
        }
        return names
    }
}
