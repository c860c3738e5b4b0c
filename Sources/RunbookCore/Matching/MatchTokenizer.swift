/// Splits text into the terms the matcher indexes and searches.
///
/// A chunk of text (`DiskUsageWarning`, `odl-video-service`, `sync_contact_with_hubspot`) yields its parts,
/// split at CamelCase, `_`, `-`, `.` and `/`, lowercased and lightly stemmed, plus the whole chunk as one
/// compound term, so that a whole-name match outweighs a match on shared parts. URLs, numbers, IPs, hex ids
/// and host names are dropped: they change from one alert to the next. Environment words and stop words are
/// dropped from the parts and from the compound.
enum MatchTokenizer {
    /// One term of a tokenized text.
    struct Token: Sendable, Hashable {
        var term: String
        var kind: Kind
        /// How many parts a compound joins (1 for a part, 2 for a bigram).
        var width = 1

        enum Kind: Sendable, Hashable {
            /// A word, or one part of a compound word.
            case part
            /// A chunk of two or more parts, kept whole (`diskusagewarning`).
            case compound
            /// Two consecutive parts (`pull mirror`).
            case bigram
        }
    }

    /// The terms of `text`, in order; bigrams follow their second word when `bigrams` is set.
    ///
    /// Works on UTF-8 bytes: indexing a large library tokenizes megabytes of text.
    static func tokens(_ text: String, bigrams: Bool = false) -> [Token] {
        var out: [Token] = []
        var previous: String?
        var bytes = Array(text.utf8)
        bytes.append(0x20)
        var start = -1
        for position in 0..<bytes.count {
            if isChunkByte(bytes, position) {
                if start < 0 { start = position }
                continue
            }
            guard start >= 0 else { continue }
            var low = start
            var high = position
            start = -1
            while low < high && isSeparator(bytes[low]) { low += 1 }
            while high > low && isSeparator(bytes[high - 1]) { high -= 1 }
            guard low < high else { continue }
            let chunk = bytes[low..<high]
            if isURL(chunk) || isVariableChunk(chunk) { continue }
            var meaningful = 0
            var compound = ""
            let parts = splitParts(chunk)
            for (offset, part) in parts.enumerated() {
                let lower = String(decoding: part.map(lowercased), as: UTF8.self)
                if isVariablePart(lower) || isEnvironmentWord(lower) { continue }
                if offset == parts.count - 1, offset > 0, chunk[part.startIndex - 1] == 0x2E,
                   topLevelDomains.contains(lower) {
                    continue
                }
                compound += lower
                meaningful += 1
                if isStopWord(lower) || lower.utf8.count < 2 { continue }
                let stemmed = stem(lower)
                out.append(Token(term: stemmed, kind: .part))
                if bigrams, let previous {
                    out.append(Token(term: previous + " " + stemmed, kind: .bigram, width: 2))
                }
                previous = stemmed
            }
            if meaningful >= 2 {
                out.append(Token(term: compound, kind: .compound, width: meaningful))
            }
        }
        return out
    }

    /// The terms of `text`, without bigrams.
    static func terms(_ text: String) -> [String] {
        tokens(text).map(\.term)
    }

    // MARK: - Bytes

    /// Letters, digits, the separators kept inside a chunk, and non-ASCII letters (not punctuation).
    private static func isChunkByte(_ bytes: [UInt8], _ position: Int) -> Bool {
        let byte = bytes[position]
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x2F, 0x5F, 0x3A: return true
        case 0x80...:
            // U+2000–U+206F (dashes, quotes, bullets) and U+00A0–U+00BF (no-break space, signs) separate words.
            if byte == 0xE2, position + 1 < bytes.count, bytes[position + 1] == 0x80 || bytes[position + 1] == 0x81 {
                return false
            }
            if position >= 1, bytes[position - 1] == 0xE2, byte == 0x80 || byte == 0x81 { return false }
            if position >= 2, bytes[position - 2] == 0xE2, bytes[position - 1] == 0x80 || bytes[position - 1] == 0x81 {
                return false
            }
            if byte == 0xC2 { return false }
            if position >= 1, bytes[position - 1] == 0xC2 { return false }
            return true
        default: return false
        }
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x2D || byte == 0x2E || byte == 0x2F || byte == 0x5F || byte == 0x3A
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) || byte >= 0x80 }
    private static func lowercased(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }

    private static func isURL(_ chunk: ArraySlice<UInt8>) -> Bool {
        let head = chunk.prefix(6).map(lowercased)
        return head.starts(with: Array("http:".utf8)) || head.starts(with: Array("https:".utf8))
            || head.starts(with: Array("www.".utf8))
    }

    /// Splits a chunk at separators and CamelCase boundaries (`HighHTTP5xxRate` → High, HTTP, 5xx, Rate).
    static func splitParts(_ chunk: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var begin = chunk.startIndex
        for position in chunk.indices {
            let byte = chunk[position]
            if isSeparator(byte) {
                if position > begin { parts.append(chunk[begin..<position]) }
                begin = position + 1
                continue
            }
            guard position > begin else { continue }
            let before = chunk[position - 1]
            let after = position + 1 < chunk.endIndex ? chunk[position + 1] : 0
            let boundary = (isUpper(byte) && isLower(before))
                || (isUpper(byte) && isUpper(before) && isLower(after))
                || (isDigit(byte) && isUpper(before) && position - begin >= 2 && isUpper(chunk[position - 2]))
            if boundary {
                parts.append(chunk[begin..<position])
                begin = position
            }
        }
        if chunk.endIndex > begin { parts.append(chunk[begin..<chunk.endIndex]) }
        return parts
    }

    /// Splits a chunk of text into its parts, as strings (for tests and callers outside the tokenizer).
    static func splitParts(_ chunk: String) -> [String] {
        splitParts(ArraySlice(chunk.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Variable values

    /// A chunk that is a value rather than a word: an IP, a number, a hex id, a UUID, an `ip-10-7-0-78` host.
    static func isVariableChunk(_ chunk: ArraySlice<UInt8>) -> Bool {
        var digits = 0
        var letters = 0
        var hexLetters = 0
        for byte in chunk {
            if isDigit(byte) {
                digits += 1
            } else if isLetter(byte) {
                letters += 1
                let lower = lowercased(byte)
                if lower >= 0x61 && lower <= 0x66 { hexLetters += 1 }
            }
        }
        if digits == 0 { return false }
        if letters == 0 { return true }
        if letters == hexLetters && digits + letters >= 8 { return true }
        if chunk.count > 3, chunk.prefix(3).map(lowercased) == Array("ip-".utf8), digits >= 4 { return true }
        return digits >= 6 && digits > letters
    }

    /// A part that carries no meaning of its own: a number, a number with a unit, a long hex string.
    static func isVariablePart(_ part: String) -> Bool {
        let bytes = Array(part.utf8)
        guard let first = bytes.first else { return true }
        if isDigit(first) {
            let unit = bytes.drop { isDigit($0) }
            return unit.isEmpty || units.contains(String(decoding: unit, as: UTF8.self))
        }
        if bytes.count >= 8, bytes.allSatisfy({ isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }),
           bytes.contains(where: isDigit) {
            return true
        }
        return false
    }

    /// The last label of a host name (`gitlab.com`): it says nothing about the host.
    static let topLevelDomains: Set<String> = ["com", "net", "org", "io", "edu", "dev", "internal", "local", "cloud"]

    /// Units and ordinals that follow a number (`5m`, `3.9G` split as `9g`, `2nd`).
    static let units: Set<String> = [
        "s", "m", "h", "d", "w", "y", "ms", "us", "ns", "k", "g", "t", "b", "kb", "mb", "gb", "tb", "kib", "mib",
        "gib", "x", "st", "nd", "rd", "th", "am", "pm", "min", "sec", "z",
    ]

    /// Names of deployment environments (shared with alert keys), which say where an alert fired, not what
    /// it is about.
    static func isEnvironmentWord(_ word: String) -> Bool {
        VariableToken.environmentWords.contains(word)
    }

    static func isStopWord(_ word: String) -> Bool {
        stopWords.contains(word)
    }

    static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
        "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "etc", "ever",
        "every", "few", "for", "from", "further", "get", "got", "had", "has", "have", "having", "he", "her",
        "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself",
        "just", "let", "like", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not",
        "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own",
        "per", "please", "same", "she", "should", "since", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "until", "up", "us", "use", "used", "using", "very", "via", "was", "we", "were", "what", "when",
        "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you",
        "your", "yours", "e.g", "eg", "ie", "i.e", "see", "s", "t", "don", "doesn", "isn", "won", "can't",
        "there's", "it's", "ll", "ve", "re", "d", "m", "o", "y", "x",
    ]

    // MARK: - Stemming

    /// Strips common English inflections so that `failed`, `failing` and `fails` meet at `fail`.
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 4, word.utf8.allSatisfy(isLower) else { return word }
        var result = word
        if result.hasSuffix("ies") && result.count > 5 {
            result.removeLast(3)
            result += "y"
        } else if result.hasSuffix("sses") {
            result.removeLast(2)
        } else if result.hasSuffix("s") && !result.hasSuffix("ss") && !result.hasSuffix("us")
                    && !result.hasSuffix("is") {
            result.removeLast()
        }
        if result.hasSuffix("ing") && result.count > 6 {
            result.removeLast(3)
        } else if result.hasSuffix("ed") && result.count > 5 {
            result.removeLast(2)
        }
        if result.count > 4, let last = result.last, let beforeLast = result.dropLast().last,
           last == beforeLast, !"slz".contains(last) {
            result.removeLast()
        }
        if result.count > 4 && result.hasSuffix("e") {
            result.removeLast()
        }
        return result
    }
}
