/// The exception classes a text names: `GithubException`, `NoMethodError`, `SendTimeoutError`.
///
/// An entry whose heading is keyed to one exception (`ApiException hubspot_xpro.tasks.sync_contact_with_hubspot`)
/// answers that exception, not another one raised by the same product: a Sentry issue titled `GithubException: 401`
/// or `LinkedInApiException: 401` shares the heading's `exception` and often its product's words, but its cause and
/// its fix are another's. When the alert's title names an exception class and the alert nowhere names the entry's,
/// the matcher lists the entry as a candidate with the evidence against it, never as the answer (see
/// `ServiceScope.Conflict.otherError`). An alert that names no exception class is not judged by this.
struct ErrorClasses: Sendable, Hashable {
    /// The classes, lowercased, as written (`githubexception`).
    private(set) var names: Set<String> = []
    /// The first class found, as written, for the evidence.
    private(set) var first: String?

    var isEmpty: Bool { names.isEmpty }

    /// The classes of `text`: words of letters, digits and `_` with an uppercase letter, that end in `Exception` or
    /// `Error` (any case) after at least two more letters (`IOError`, not `Error` alone or `error`).
    init(_ text: String) {
        guard ErrorClasses.mayName(text) else { return }
        var word = ""
        func close() {
            defer { word.removeAll(keepingCapacity: true) }
            guard word.contains(where: \.isUppercase) else { return }
            let lowered = word.lowercased()
            let suffix = ErrorClasses.suffixes.first { lowered.hasSuffix($0) }
            guard let suffix, lowered.count >= suffix.count + 2 else { return }
            let stem = lowered.dropLast(suffix.count)
            guard stem.contains(where: \.isLetter) else { return }
            if names.insert(lowered).inserted && first == nil { first = word }
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else if !word.isEmpty {
                close()
            }
        }
        if !word.isEmpty { close() }
    }

    static let suffixes = ["exception", "error"]

    /// Whether `text` may name a class: it holds `rror` or `xception` in any case. Most alert texts hold neither,
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

    /// The entry's class the alert is not about: when the alert's title names classes (`self`), none of them is one
    /// of `entry`'s, and no other text of the alert (`mentioned`) names one of `entry`'s either, the alert's first
    /// class and the entry's.
    func conflict(with entry: ErrorClasses, mentioned: ErrorClasses) -> (alert: String, entry: String)? {
        guard !names.isEmpty, !entry.names.isEmpty, names.isDisjoint(with: entry.names),
              mentioned.names.isDisjoint(with: entry.names), let alert = first, let theirs = entry.first
        else { return nil }
        return (alert, theirs)
    }
}
