/// Splits text into the terms the matcher indexes and searches.
///
/// A chunk of text (`DiskUsageWarning`, `odl-video-service`, `sync_contact_with_hubspot`) yields its parts,
/// split at CamelCase, `_`, `-`, `.` and `/`, lowercased and lightly stemmed, plus the whole chunk as one
/// compound term (stemmed too, so that `CyberSource` meets `Cybersource`), so that a whole-name match outweighs a
/// match on shared parts. URLs, numbers, IPs, hex ids
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
            /// A chunk of two or more parts, kept whole and stemmed as a word is (`diskusagewarn`).
            case compound
            /// Two consecutive parts (`pull mirror`).
            case bigram
            /// Two parts written together (`gitlab` for `GitLab`), stemmed: one word when the library writes it so.
            case pair
        }
    }

    /// What a lowercased part of a chunk is, apart from where it stands.
    struct PartFlags: OptionSet, Sendable, Hashable {
        var rawValue: UInt8

        /// A number, a number with a unit, a hex string or an environment word: not a word at all.
        static let dropped = PartFlags(rawValue: 1)
        /// A top-level domain, dropped when it ends a dotted chunk (`gitlab.com`).
        static let topLevelDomain = PartFlags(rawValue: 2)
        /// Neither a stop word nor a single letter: indexed as a term of its own (stemmed).
        static let indexed = PartFlags(rawValue: 4)
    }

    /// The terms of `text`, in order; bigrams follow their second word when `bigrams` is set.
    static func tokens(_ text: String, bigrams: Bool = false, pairs: Bool = false) -> [Token] {
        var collector = TokenCollector(bigrams: bigrams, pairs: pairs)
        scan(text, into: &collector)
        return collector.out
    }

    /// The terms of `text`, without bigrams.
    static func terms(_ text: String) -> [String] {
        tokens(text).map(\.term)
    }

    /// Feeds the parts and compounds of `text` to `sink`, in order.
    ///
    /// Works on UTF-8 bytes and allocates nothing per word: indexing a large library tokenizes megabytes of
    /// text. A chunk's parts are lowercased once; `sink` classifies each (and may cache the answer), is told
    /// of each indexed part, then of the chunk's compound when two or more parts are meaningful.
    static func scan<Sink: MatchTokenSink>(_ text: String, into sink: inout Sink) {
        var text = text
        text.withUTF8 { bytes in
            // Scratch space for a chunk's lowercased bytes and its compound, never longer than the text: on the stack
            // when the text is short, as most alert fields are.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * bytes.count + 2) { scratch in
                let lower = UnsafeMutableBufferPointer(rebasing: scratch[0..<(bytes.count + 1)])
                let compound = UnsafeMutableBufferPointer(rebasing: scratch[(bytes.count + 1)...])
                scan(bytes, lower: lower, compound: compound, into: &sink)
            }
        }
    }

    private static func scan<Sink: MatchTokenSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, lower: UnsafeMutableBufferPointer<UInt8>,
        compound: UnsafeMutableBufferPointer<UInt8>, into sink: inout Sink
    ) {
        var parts: [Range<Int>] = []
        var stemmedCompound: [UInt8] = []
        var start = -1
        for position in 0...bytes.count {
            if position < bytes.count && isChunkByte(bytes, position) {
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
            let chunk = UnsafeBufferPointer(rebasing: bytes[low..<high])
            if isURL(chunk) || isVariableChunk(chunk) { continue }
            for offset in 0..<chunk.count { lower[offset] = lowercased(chunk[offset]) }
            splitParts(chunk, into: &parts)
            var compoundLength = 0
            var meaningful = 0
            var lastIndexed = -1
            for (offset, part) in parts.enumerated() {
                let word = UnsafeBufferPointer(rebasing: lower[part])
                let (flags, handle) = sink.classify(word)
                if flags.contains(.dropped) { continue }
                if flags.contains(.topLevelDomain), offset == parts.count - 1, offset > 0,
                   chunk[part.lowerBound - 1] == 0x2E {
                    continue
                }
                for byte in word {
                    compound[compoundLength] = byte
                    compoundLength += 1
                }
                meaningful += 1
                guard flags.contains(.indexed) else { continue }
                sink.part(handle)
                if lastIndexed == offset - 1, lastIndexed >= 0, parts[lastIndexed].upperBound == part.lowerBound {
                    sink.pair(UnsafeBufferPointer(rebasing: lower[parts[lastIndexed].lowerBound..<part.upperBound]))
                }
                lastIndexed = offset
            }
            if meaningful >= 2 {
                // Stemmed as a word is: `CyberSource` meets `Cybersource`, `OpenShift` meets `Openshift`.
                stem(UnsafeBufferPointer(rebasing: compound[0..<compoundLength]), into: &stemmedCompound)
                stemmedCompound.withUnsafeBufferPointer { sink.compound($0, width: meaningful) }
            }
        }
    }

    /// Appends to `out` the chunks of ASCII `text` that `scan` reads, one space between two, and returns true: not the
    /// chunks it skips (URLs, numbers, addresses, hex ids, hosts such as `ip-10-7-0-78`, runs of separators), nor the
    /// bytes between chunks as they were. Returns false, `out` unchanged, when `text` is not ASCII.
    ///
    /// `scan` of what is appended tells its sink what `scan(text)` tells it: for ASCII whether a byte belongs to a
    /// chunk does not depend on its neighbours, so the chunks are the same, in the same order; a skipped chunk tells
    /// nothing, and what stands between two chunks only ends the first. A fleet's texts that differ in their hosts and
    /// numbers alone come out equal.
    static func appendTokenEquivalent(_ text: String, to out: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            var position = 0
            var wrote = false
            while position < bytes.count {
                guard isChunkByte(bytes, position) else {
                    position += 1
                    continue
                }
                let start = position
                while position < bytes.count && isChunkByte(bytes, position) { position += 1 }
                var low = start
                var high = position
                while low < high && isSeparator(bytes[low]) { low += 1 }
                while high > low && isSeparator(bytes[high - 1]) { high -= 1 }
                guard low < high else { continue }
                let chunk = UnsafeBufferPointer(rebasing: bytes[low..<high])
                if isURL(chunk) || isVariableChunk(chunk) { continue }
                if wrote { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                wrote = true
            }
            return true
        }
    }

    /// The flags of a lowercased part.
    ///
    /// The word lists are looked up by bytes (`listedWords`), without a `String` per part: their words are ASCII, and
    /// no other text equals one of them as a `String` (no canonical equivalent of a lowercase ASCII word is not it).
    static func flags(of part: UnsafeBufferPointer<UInt8>) -> PartFlags {
        if isVariablePart(part) { return .dropped }
        let lists = listedWords.table.find(part).map { listedWords.kinds[Int($0)] } ?? []
        if lists.contains(.environment) { return .dropped }
        var flags: PartFlags = []
        if lists.contains(.topLevelDomain) { flags.insert(.topLevelDomain) }
        if !lists.contains(.stop) && part.count >= 2 { flags.insert(.indexed) }
        return flags
    }

    /// The lists a word is on.
    struct WordLists: OptionSet, Sendable {
        var rawValue: UInt8

        static let environment = WordLists(rawValue: 1)
        static let topLevelDomain = WordLists(rawValue: 2)
        static let stop = WordLists(rawValue: 4)
    }

    /// Environment words (shared with alert keys: they say where an alert fired, not what it is about), top-level
    /// domains and stop words, by their bytes.
    static let listedWords = TermTable.lists([
        (VariableToken.environmentWords, WordLists.environment), (regionWords, .environment),
        (topLevelDomains, .topLevelDomain), (stopWords, .stop),
    ])

    /// The words of cloud regions (`eu-west-1`, `ap-southeast-2`): where an alert fired, as an environment is, dropped
    /// like one from the matcher's words (not from alert keys: two regions' alarms are two alerts). Two-letter codes
    /// that are also words of their own (`ca`, `sa`) are left alone.
    static let regionWords: Set<String> = [
        "eu", "ap", "af", "east", "west", "north", "south", "northeast", "southeast", "northwest", "southwest",
    ]

    // MARK: - Bytes

    /// Letters, digits, the separators kept inside a chunk, and non-ASCII letters (not punctuation).
    private static func isChunkByte(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
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

    /// Whether `chunk` starts with the lowercase ASCII `prefix`, ignoring case.
    private static func hasPrefix(_ chunk: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard chunk.count >= prefix.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        for offset in 0..<expected.count where lowercased(chunk[offset]) != expected[offset] { return false }
        return true
    }

    private static func isURL(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        hasPrefix(chunk, "http:") || hasPrefix(chunk, "https:") || hasPrefix(chunk, "www.")
    }

    /// Splits a chunk at separators and CamelCase boundaries (`HighHTTP5xxRate` → High, HTTP, 5xx, Rate). An
    /// acronym's plural keeps its capitals and loses its `s` (`IPs` → IP, `PVCsPending` → PVC, Pending), where the
    /// CamelCase rule alone would split off a word `Ps`. One lowercase letter before a capital is a brand's prefix
    /// (`xPRO`, `eBay`, `XPro`), not a word: split off, it would leave the brand counted twice, whole and as `PRO`.
    static func splitParts(_ chunk: UnsafeBufferPointer<UInt8>, into parts: inout [Range<Int>]) {
        parts.removeAll(keepingCapacity: true)
        var begin = 0
        func append(_ part: Range<Int>) {
            if part.count >= 3, chunk[part.upperBound - 1] == 0x73,
               chunk[part.lowerBound..<(part.upperBound - 1)].allSatisfy(isUpper) {
                parts.append(part.lowerBound..<(part.upperBound - 1))
            } else {
                parts.append(part)
            }
        }
        for position in 0..<chunk.count {
            let byte = chunk[position]
            if isSeparator(byte) {
                if position > begin { append(begin..<position) }
                begin = position + 1
                continue
            }
            guard position > begin else { continue }
            let before = chunk[position - 1]
            let after = position + 1 < chunk.count ? chunk[position + 1] : 0
            let plural = after == 0x73 && (position + 2 == chunk.count || !isLower(chunk[position + 2]))
            let boundary = (isUpper(byte) && isLower(before) && position - begin >= 2)
                || (isUpper(byte) && isUpper(before) && isLower(after) && !plural && position - begin >= 2)
                || (isDigit(byte) && isUpper(before) && position - begin >= 2 && isUpper(chunk[position - 2]))
            if boundary {
                append(begin..<position)
                begin = position
            }
        }
        if chunk.count > begin { append(begin..<chunk.count) }
    }

    /// Splits a chunk of text into its parts, as strings (for tests and callers outside the tokenizer).
    static func splitParts(_ chunk: String) -> [String] {
        var chunk = chunk
        return chunk.withUTF8 { bytes in
            var parts: [Range<Int>] = []
            splitParts(bytes, into: &parts)
            return parts.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
    }

    // MARK: - Variable values

    /// A chunk that is a value rather than a word: an IP, a number, a hex id, a UUID, an `ip-10-7-0-78` host.
    static func isVariableChunk(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
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
        if chunk.count > 3, hasPrefix(chunk, "ip-"), digits >= 4 { return true }
        return digits >= 6 && digits > letters
    }

    /// A part that carries no meaning of its own: a number, a number with a unit, a long hex string.
    static func isVariablePart(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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

    static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
        "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "could", "did", "do", "does", "doing", "during", "each", "either", "else", "etc", "ever",
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

    /// Strips common English inflections so that `failed`, `failing`, `fails` and `failure` meet at `fail`,
    /// `lagging` at `lag`, `replication`, `replicated` and `replicas` at `replica`.
    ///
    /// A light stemmer, not Porter's: it only has to send the forms of one word to one term, on both sides
    /// (index and query), and leave short words alone.
    static func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            var stemmed: [UInt8] = []
            stem(bytes, into: &stemmed)
            return String(decoding: stemmed, as: UTF8.self)
        }
    }

    /// Writes the stem of the lowercased `word` into `stemmed` (see `stem(_:)`).
    ///
    /// Only words of plain ASCII letters are stemmed, so bytes and characters coincide.
    static func stem(_ word: UnsafeBufferPointer<UInt8>, into stemmed: inout [UInt8]) {
        stemmed.removeAll(keepingCapacity: true)
        stemmed.append(contentsOf: word)
        guard word.count >= 4, word.allSatisfy(isLower) else { return }
        // A four-letter plural (`pods`, `jobs`, `logs`, `keys`) is its noun; `this`, `plus`, `pass` are not plurals.
        if word.count == 4 {
            if hasSuffix(stemmed, "s"), !hasSuffix(stemmed, "ss"), !hasSuffix(stemmed, "us"), !hasSuffix(stemmed, "is") {
                stemmed.removeLast()
            }
            return
        }
        if hasSuffix(stemmed, "ies") && stemmed.count > 5 {
            stemmed.removeLast(3)
            stemmed.append(0x79)
        } else if hasSuffix(stemmed, "sses") {
            stemmed.removeLast(2)
        } else if hasSuffix(stemmed, "s") && !hasSuffix(stemmed, "ss") && !hasSuffix(stemmed, "us")
                    && !hasSuffix(stemmed, "is") {
            stemmed.removeLast()
        }
        // `readiness` → `ready`, `emptiness` → `empty`: the state meets its adjective (`business` is too short).
        if hasSuffix(stemmed, "iness") && stemmed.count > 8 {
            stemmed.removeLast(5)
            stemmed.append(0x79)
            return
        }
        var suffixRemoved = false
        if hasSuffix(stemmed, "ing") && stemmed.count > 6 {
            stemmed.removeLast(3)
            suffixRemoved = true
        } else if hasSuffix(stemmed, "ied") && stemmed.count > 5 {
            // `retried`, `denied`, `applied` → `retry`, `deny`, `apply`, as `retries` and `retrying` are.
            stemmed.removeLast(3)
            stemmed.append(0x79)
            return
        } else if hasSuffix(stemmed, "ed") && stemmed.count > 5 {
            stemmed.removeLast(2)
            suffixRemoved = true
        }
        // `lagging` → `lagg` → `lag`, `stopped` → `stop`; a double letter of the word itself stays when long.
        if stemmed.count > 2, suffixRemoved || stemmed.count > 4, let last = stemmed.last,
           last == stemmed[stemmed.count - 2], last != 0x73, last != 0x6C, last != 0x7A {
            stemmed.removeLast()
        }
        // A noun made from a verb meets the verb: `deletion` → `delet` as `delete`, `execution` → `execut` as
        // `execute`, `removal` → `remov` as `remove`, `approval` → `approv`, `renewal` → `renew`.
        if stemmed.count > 7, hasSuffix(stemmed, "etion") || hasSuffix(stemmed, "ution") {
            stemmed.removeLast(3)
            return
        } else if stemmed.count > 6,
                  hasSuffix(stemmed, "val") || hasSuffix(stemmed, "sal") || hasSuffix(stemmed, "wal") {
            stemmed.removeLast(2)
            return
        }
        // `availability`, `reliability` → `availabl`, `reliabl`, as `available` and `reliable` are.
        if stemmed.count > 8 && hasSuffix(stemmed, "bility") {
            stemmed.removeLast(5)
            stemmed.append(0x6C)
            return
        }
        // `replication` and `replicate(d)` → `replica`, `updated` → `upda` as `update`; `failure` → `fail`.
        if stemmed.count > 7 && hasSuffix(stemmed, "ation") {
            stemmed.removeLast(4)
        } else if stemmed.count > 7 && hasSuffix(stemmed, "ction") && !hasSuffix(stemmed, "uction") {
            // `eviction` → `evict`, `connection` → `connect` (not `production` → `product`).
            stemmed.removeLast(3)
        } else if stemmed.count > 5 && hasSuffix(stemmed, "ate") {
            stemmed.removeLast(2)
        } else if stemmed.count > 4 && hasSuffix(stemmed, "at") && !isVowel(stemmed[stemmed.count - 3]) {
            stemmed.removeLast()
        } else if stemmed.count > 6 && hasSuffix(stemmed, "ure") {
            stemmed.removeLast(3)
        }
        if stemmed.count > 4 && hasSuffix(stemmed, "e") {
            stemmed.removeLast()
        }
    }

    private static func isVowel(_ byte: UInt8) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75
    }

    private static func hasSuffix(_ word: [UInt8], _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard word.count >= count else { return false }
        let expected = UnsafeBufferPointer(start: suffix.utf8Start, count: count)
        for offset in 0..<count where word[word.count - count + offset] != expected[offset] { return false }
        return true
    }
}
