/// The exception classes a text names: `GithubException`, `NoMethodError`, `SendTimeoutError`.
///
/// An entry whose heading is keyed to one exception (`ApiException hubspot_xpro.tasks.sync_contact_with_hubspot`)
/// answers that exception, not another one raised by the same product: a Sentry issue titled `GithubException: 401`
/// or `LinkedInApiException: 401` shares the heading's `exception` and often its product's words, but its cause and
/// its fix are another's. When the alert names an exception class (in its title or its text) and nowhere names the
/// entry's, the matcher lists the entry as a candidate with the evidence against it, never as the answer (see
/// `ServiceScope.Conflict.otherError`). An alert that names no exception class is not judged by this, but must say
/// a word of the entry's heading (see `MatchIndex.unsaidErrorClass`).
struct ErrorClasses: Sendable, Hashable {
    /// The classes, lowercased, as written (`githubexception`).
    private(set) var names: Set<String> = []
    /// The first class found, as written, for the evidence.
    private(set) var first: String?

    var isEmpty: Bool { names.isEmpty }

    /// The classes of `texts`: words of letters, digits and `_` with an uppercase letter, that end in `Exception` or
    /// `Error` (any case) after at least two more letters (`IOError`, not `Error` alone or `error`).
    ///
    /// Read on the UTF-8 bytes, a word kept only when it ends so: an alert's text runs to kilobytes, and most of
    /// its words are no class.
    init(_ texts: String...) {
        for text in texts where ErrorClasses.mayName(text) {
            var text = text
            text.withUTF8 { bytes in
                var start = 0
                for index in 0...bytes.count {
                    if index < bytes.count && ErrorClasses.isWordByte(bytes[index]) { continue }
                    // Only a word of 7 bytes or more that ends in `r` or `n` (`IOError`, `…Exception`) is read on.
                    if index - start >= 7, bytes[index - 1] | 0x20 == 0x72 || bytes[index - 1] | 0x20 == 0x6E {
                        read(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    }
                    start = index + 1
                }
            }
        }
    }

    private mutating func read(_ word: UnsafeBufferPointer<UInt8>) {
        guard let suffix = ErrorClasses.suffixBytes.first(where: { ErrorClasses.ends(word, with: $0) }),
              word.count >= suffix.count + 2
        else { return }
        let stem = word[..<(word.count - suffix.count)]
        guard word.contains(where: { $0 >= 0x41 && $0 <= 0x5A }),
              stem.contains(where: { $0 >= 0x80 || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
        else { return }
        let written = String(decoding: word, as: UTF8.self)
        if names.insert(written.lowercased()).inserted && first == nil { first = written }
    }

    /// A byte of a word: an ASCII letter, digit or `_`, or any byte of a non-ASCII character.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        let letter = byte | 0x20
        return byte >= 0x80 || byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (letter >= 0x61 && letter <= 0x7A)
    }

    /// Whether `word` ends in `suffix` (lowercase ASCII), ignoring the case of ASCII letters.
    private static func ends(_ word: UnsafeBufferPointer<UInt8>, with suffix: [UInt8]) -> Bool {
        guard word.count >= suffix.count else { return false }
        let offset = word.count - suffix.count
        for (index, byte) in suffix.enumerated() where word[offset + index] | 0x20 != byte { return false }
        return true
    }

    /// What a class name ends in, lowercase.
    static let suffixBytes = ["exception", "error"].map { Array($0.utf8) }

    /// Whether `text` may name a class: it holds `rror` or `xcep` in any case. Most alert texts hold neither,
    /// and are read no further.
    static func mayName(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 4 else { return false }
            for start in 0...(bytes.count - 4) {
                let a = bytes[start] | 0x20, b = bytes[start + 1] | 0x20
                let c = bytes[start + 2] | 0x20, d = bytes[start + 3] | 0x20
                if a == 0x72 && b == 0x72 && c == 0x6F && d == 0x72 { return true }  // rror
                if a == 0x78 && b == 0x63 && c == 0x65 && d == 0x70 { return true }  // xcep
            }
            return false
        }
    }

    /// The entry's class the alert is not about: when the alert's title and text name classes (`self`), none of them
    /// is one of `entry`'s, and no other field of the alert (`mentioned`) names one of `entry`'s either, the alert's
    /// first class and the entry's.
    func conflict(with entry: ErrorClasses, mentioned: ErrorClasses) -> (alert: String, entry: String)? {
        guard !names.isEmpty, !entry.names.isEmpty, names.isDisjoint(with: entry.names),
              mentioned.names.isDisjoint(with: entry.names), let alert = first, let theirs = entry.first
        else { return nil }
        return (alert, theirs)
    }
}
