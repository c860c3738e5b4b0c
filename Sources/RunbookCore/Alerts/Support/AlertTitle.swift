import Foundation

/// Makes a one-line title a person can read in a page from whatever text a source gives.
enum AlertTitle {
    /// Longest title kept, in characters; longer ones are cut at a word boundary and end with `…`.
    static let limit = 200

    /// The first non-empty line of `text`, whitespace collapsed, cut to ``limit``.
    static func clean(_ text: String) -> String {
        let line = text.prefix(limit * 20).split(whereSeparator: \.isNewline)
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map(String.init) ?? ""
        let collapsed = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        let cut = collapsed.prefix(limit)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return String(atWord.count > limit / 2 ? atWord : cut) + "…"
    }

    /// Joins a name and a headline (`DiskUsageWarning: Disk is almost full`), skipping empty or repeated parts.
    static func join(_ name: String?, _ headline: String?) -> String {
        let parts = [name, headline].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard parts.count == 2 else { return clean(parts.first ?? "") }
        if parts[1].localizedCaseInsensitiveContains(parts[0]) { return clean(parts[1]) }
        return clean("\(parts[0]): \(parts[1])")
    }
}
