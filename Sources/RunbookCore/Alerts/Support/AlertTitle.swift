import Foundation

/// Makes a one-line title a person can read in a page from whatever text a source gives.
///
/// Most titles are short printable ASCII: those take byte-level fast paths that give exactly what the general,
/// Unicode-aware code gives (measured: the general code was a sixth of decoding a 100-alert request).
enum AlertTitle {
    /// Longest title kept, in characters; longer ones are cut at a word boundary and end with `…`.
    static let limit = 200

    /// The first non-empty line of `text`, whitespace collapsed, cut to ``limit``.
    static func clean(_ text: String) -> String {
        if isClean(text) { return text }
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
        let name = name.map(trimmed) ?? ""
        let headline = headline.map(trimmed) ?? ""
        if name.isEmpty || headline.isEmpty { return clean(name.isEmpty ? headline : name) }
        if contains(headline, name) { return clean(headline) }
        return clean(name + ": " + headline)
    }

    /// True when `text` is already what ``clean(_:)`` makes of it: printable ASCII, at most ``limit`` bytes,
    /// single spaces only, none at either end.
    private static func isClean(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.isEmpty, bytes.count <= limit, bytes.first != 0x20, bytes.last != 0x20 else {
                return bytes.isEmpty
            }
            var previous: UInt8 = 0
            for byte in bytes {
                guard byte >= 0x20, byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
                previous = byte
            }
            return true
        } ?? false
    }

    /// `text` without whitespace or newlines at either end; returned as is when it has none there.
    private static func trimmed(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first),
            (0x21...0x7E).contains(last)
        {
            return text
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !CharacterSet.whitespacesAndNewlines.contains(first),
              !CharacterSet.whitespacesAndNewlines.contains(last)
        else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return text
    }

    /// Whether `text` contains `part` ignoring case: ASCII compared byte by byte, anything else as the locale does.
    private static func contains(_ text: String, _ part: String) -> Bool {
        var haystackText = text
        var needleText = part
        let ascii = haystackText.withUTF8 { haystack in
            needleText.withUTF8 { needle -> Bool? in
                guard haystack.allSatisfy({ $0 < 0x80 }), needle.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard needle.count <= haystack.count else { return false }
                for start in 0...(haystack.count - needle.count)
                where needle.indices.allSatisfy({ lower(haystack[start + $0]) == lower(needle[$0]) }) {
                    return true
                }
                return false
            }
        }
        return ascii ?? text.localizedCaseInsensitiveContains(part)
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
