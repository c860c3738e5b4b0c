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
    static func tokens(_ text: String, bigrams: Bool = false) -> [Token] {
        var out: [Token] = []
        var previous: String?
        forEachChunk(in: text) { chunk in
            let parts = splitParts(chunk)
            var meaningful = 0
            var compound = ""
            for part in parts {
                let lower = part.lowercased()
                if isVariablePart(lower) || isEnvironmentWord(lower) { continue }
                compound += lower
                meaningful += 1
                if isStopWord(lower) || lower.count < 2 { continue }
                let stemmed = stem(lower)
                out.append(Token(term: stemmed, kind: .part))
                if bigrams, let previous {
                    out.append(Token(term: previous + " " + stemmed, kind: .bigram))
                }
                previous = stemmed
            }
            if meaningful >= 2 {
                out.append(Token(term: compound, kind: .compound))
            }
        }
        return out
    }

    /// The distinct terms of `text`, without bigrams.
    static func terms(_ text: String) -> [String] {
        tokens(text).map(\.term)
    }

    // MARK: - Chunks

    /// Calls `body` with every chunk of `text` that is not a URL or a variable value.
    private static func forEachChunk(in text: String, _ body: (Substring) -> Void) {
        var start: String.Index?
        var index = text.startIndex
        func flush(_ end: String.Index) {
            if let begin = start {
                let chunk = trimChunk(text[begin..<end])
                if !chunk.isEmpty, !isURL(chunk), !isVariableChunk(chunk) { body(chunk) }
            }
            start = nil
        }
        for scalar in text.unicodeScalars {
            if isChunkScalar(scalar) {
                if start == nil { start = index }
            } else {
                flush(index)
            }
            index = text.unicodeScalars.index(after: index)
        }
        flush(text.endIndex)
    }

    private static func isChunkScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x2D, 0x2E, 0x2F, 0x5F, 0x3A: return true  // - . / _ :
        case 0x80...: return scalar.properties.isAlphabetic
        default: return false
        }
    }

    private static func trimChunk(_ chunk: Substring) -> Substring {
        let separators: Set<Character> = ["-", ".", "/", "_", ":"]
        var result = chunk
        while let first = result.first, separators.contains(first) { result = result.dropFirst() }
        while let last = result.last, separators.contains(last) { result = result.dropLast() }
        return result
    }

    private static func isURL(_ chunk: Substring) -> Bool {
        chunk.hasPrefix("http:") || chunk.hasPrefix("https:") || chunk.hasPrefix("www.")
    }

    /// Splits a chunk at separators and CamelCase boundaries (`HighHTTP5xxRate` → High, HTTP, 5xx, Rate).
    static func splitParts(_ chunk: Substring) -> [Substring] {
        var parts: [Substring] = []
        let scalars = Array(chunk.unicodeScalars)
        var indices: [String.Index] = []
        var index = chunk.startIndex
        for _ in scalars {
            indices.append(index)
            index = chunk.unicodeScalars.index(after: index)
        }
        indices.append(chunk.endIndex)
        var begin = 0
        func cut(_ end: Int) {
            if end > begin { parts.append(chunk[indices[begin]..<indices[end]]) }
        }
        for position in 0..<scalars.count {
            let scalar = scalars[position]
            if isSeparator(scalar) {
                cut(position)
                begin = position + 1
                continue
            }
            guard position > begin else { continue }
            let before = scalars[position - 1]
            let after = position + 1 < scalars.count ? scalars[position + 1] : nil
            let boundary: Bool
            if isUpper(scalar) && isLower(before) {
                boundary = true
            } else if isUpper(scalar) && isUpper(before), let after, isLower(after) {
                boundary = true
            } else if isDigit(scalar) && isUpper(before) && position - begin >= 2 && isUpper(scalars[position - 2]) {
                boundary = true
            } else {
                boundary = false
            }
            if boundary {
                cut(position)
                begin = position
            }
        }
        cut(scalars.count)
        return parts
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "." || scalar == "/" || scalar == "_" || scalar == ":"
    }

    private static func isUpper(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isUppercase }
    private static func isLower(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isLowercase }
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    // MARK: - Variable values

    /// A chunk that is a value rather than a word: an IP, a number, a hex id, a UUID, an `ip-10-7-0-78` host.
    static func isVariableChunk(_ chunk: Substring) -> Bool {
        var digits = 0
        var letters = 0
        var hexLetters = 0
        for scalar in chunk.unicodeScalars {
            if isDigit(scalar) {
                digits += 1
            } else if scalar.properties.isAlphabetic {
                letters += 1
                if ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar) { hexLetters += 1 }
            }
        }
        if digits == 0 { return false }
        if letters == 0 { return true }
        if letters == hexLetters && digits + letters >= 8 { return true }
        let lower = chunk.lowercased()
        if lower.hasPrefix("ip-") && digits >= 4 { return true }
        return digits >= 6 && digits > letters
    }

    /// A part that carries no meaning of its own: a number, a number with a unit, a long hex string.
    static func isVariablePart(_ part: String) -> Bool {
        guard let first = part.unicodeScalars.first else { return true }
        if isDigit(first) {
            let unit = String(String.UnicodeScalarView(part.unicodeScalars.drop { isDigit($0) }))
            return unit.isEmpty || units.contains(unit)
        }
        if part.count >= 8, part.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }),
           part.unicodeScalars.contains(where: isDigit) {
            return true
        }
        return false
    }

    /// Units and ordinals that follow a number (`5m`, `3.9G` split as `9g`, `2nd`).
    static let units: Set<String> = [
        "s", "m", "h", "d", "w", "y", "ms", "us", "ns", "k", "g", "t", "b", "kb", "mb", "gb", "tb", "kib", "mib",
        "gib", "x", "st", "nd", "rd", "th", "am", "pm", "min", "sec", "z",
    ]

    /// Names of deployment environments, which say where an alert fired, not what it is about.
    static func isEnvironmentWord(_ word: String) -> Bool {
        environmentWords.contains(word)
    }

    static let environmentWords: Set<String> = [
        "production", "prod", "staging", "stage", "stg", "qa", "dev", "development", "sandbox", "preprod",
        "uat", "test", "testing", "gprd", "gstg", "ci",
    ]

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
        guard word.count > 4, word.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isLowercase })
        else { return word }
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
