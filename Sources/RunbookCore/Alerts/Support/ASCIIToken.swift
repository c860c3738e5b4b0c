import Foundation

/// Byte-level twins of `VariableToken`'s checks for words of printable ASCII, where a byte is a character: the
/// general checks build arrays of scalars and search with Foundation, which made them the largest cost of boiling
/// a new alert title. Each function here gives what its general twin gives on printable ASCII (tested side by side
/// in `ASCIITokenTests`); callers check ``isPrintable(_:)`` first and use the general code otherwise.
enum ASCIIToken {
    /// Whether every byte is printable ASCII (space to `~`): then characters, scalars and bytes coincide.
    static func isPrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte < 0x20 || byte > 0x7E { return false }
        return true
    }

    /// `VariableToken.isVariable` of a printable ASCII token.
    static func isVariable(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token.contains(where: isTelltale) else { return false }
        var start = 0
        var end = token.count
        while start < end, isEdge(token[start]) { start += 1 }
        while end > start, isEdge(token[end - 1]) { end -= 1 }
        guard start < end else { return false }
        let word = UnsafeBufferPointer(rebasing: token[start..<end])
        if contains(word, 0x3A, 0x2F, 0x2F) || word.contains(0x40) || word.contains(0x5C) { return true }
        if isPath(word) || isNumeric(word) || isUUID(word) || isHexID(word) || isRandomID(word) { return true }
        if isIPv6(word) || isNumberedHost(word) || isInternalHost(word) { return true }
        if word.contains(0x2D) {
            var parts = 0
            var all = true
            forEachPart(word, separator: 0x2D) { part in
                parts += 1
                all = all && (isNumeric(part) || isHexID(part) || isRandomID(part))
            }
            return parts > 1 && all
        }
        return false
    }

    // MARK: - The checks of `VariableToken`, on bytes

    static func isPath(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if word.count > 1, hasPrefix(word, "/") || hasPrefix(word, "~/") || hasPrefix(word, "./")
            || hasPrefix(word, "../")
        {
            return true
        }
        guard word.contains(0x2F), let dot = word.lastIndex(of: 0x2E) else { return false }
        var lowered = [UInt8]()
        lowered.reserveCapacity(word.count - dot - 1)
        for byte in word[(dot + 1)...] { lowered.append(lower(byte)) }
        return fileExtensions.contains(lowered)
    }

    static func isNumeric(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = word.first else { return false }
        let startsNumeric: Bool
        if isDigit(first) {
            startsNumeric = true
        } else if first == 0x76 || first == 0x56 || first == 0x23 || first == 0x2B || first == 0x2D || first == 0x7E,
            word.count > 1, isDigit(word[1])
        {
            startsNumeric = true
        } else {
            startsNumeric = false
        }
        guard startsNumeric else { return false }
        if word.count == 3, isDigit(word[0]), word[1] == 0x78 || word[1] == 0x58, word[2] == 0x78 || word[2] == 0x58 {
            return false
        }
        var letters = 0
        for byte in word where isLetter(byte) { letters += 1 }
        return letters <= 4
    }

    static func isUUID(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count == 36 else { return false }
        for (index, byte) in word.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == 0x2D else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    static func isHexID(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = UnsafeBufferPointer(rebasing: word[...])
        if word.count >= 2, word[0] == 0x30, word[1] == 0x78 || word[1] == 0x58 {
            digits = UnsafeBufferPointer(rebasing: word[2...])
        }
        guard digits.count >= 7, digits.allSatisfy(isHex) else { return false }
        return digits.contains(where: isDigit) && digits.contains(where: { !isDigit($0) })
    }

    static func isRandomID(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = 0
        var digits = 0
        var switches = 0
        var upper = false
        var lowerCase = false
        var previousIsDigit: Bool?
        for byte in word where byte != 0x5F {
            guard isLetter(byte) || isDigit(byte) else { return false }
            count += 1
            let digit = isDigit(byte)
            if digit { digits += 1 }
            if let previousIsDigit, previousIsDigit != digit { switches += 1 }
            previousIsDigit = digit
            if isUpper(byte) { upper = true }
            if isLower(byte) { lowerCase = true }
        }
        guard count >= 5, digits >= 2 else { return false }
        return switches >= 4 || (switches >= 3 && upper && lowerCase)
    }

    static func isIPv6(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var colons = 0
        for byte in word {
            guard isHex(byte) || byte == 0x3A || byte == 0x2E else { return false }
            if byte == 0x3A { colons += 1 }
        }
        return colons >= 2
    }

    static func isNumberedHost(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if hasPrefix(word, "ip-"), word.count > 3, isDigit(word[3]) { return true }
        if hasPrefix(word, "i-") {
            var rest = [UInt8]()
            rest.reserveCapacity(word.count - 2)
            for byte in word[2...] { rest.append(lower(byte)) }
            if rest.withUnsafeBufferPointer(isHexID) { return true }
        }
        if !word.contains(0x2E) {
            // `console-01-sv-gprd`, `redis-sidekiq-02`: a fleet's member by its zero-padded number.
            var index = 0
            var padded = false
            forEachPart(word, separator: 0x2D) { part in
                if index > 0 && part.count >= 2 && part[part.startIndex] == 0x30 && part.allSatisfy(isDigit) {
                    padded = true
                }
                index += 1
            }
            return padded
        }
        var labels: [Range<Int>] = []
        forEachPartRange(word, separator: 0x2E) { labels.append($0) }
        guard labels.count >= 3, let firstLabel = labels.first, let tld = labels.last,
            word[tld].allSatisfy(isLetter)
        else { return false }
        var numbered = false
        var index = 0
        forEachPart(UnsafeBufferPointer(rebasing: word[firstLabel]), separator: 0x2D) { part in
            if index > 0 && part.allSatisfy(isDigit) { numbered = true }
            index += 1
        }
        return numbered
    }

    static func isInternalHost(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.contains(0x2E) else { return false }
        return internalDomains.contains { domain in
            guard word.count >= domain.count else { return false }
            return zip(word[(word.count - domain.count)...], domain).allSatisfy { lower($0) == $1 }
        }
    }

    // MARK: - Bytes

    private static let fileExtensions: Set<[UInt8]> = Set([
        "py", "rb", "go", "js", "ts", "java", "kt", "swift", "c", "h", "rs", "php", "sh", "log", "conf", "cfg", "ini",
        "yml", "yaml", "json", "toml", "txt", "sql", "xml", "html", "md", "pem", "crt", "key", "gz", "tar", "zip",
    ].map { Array($0.utf8) })
    private static let internalDomains: [[UInt8]] = [
        ".internal", ".local", ".localdomain", ".lan", ".intra", ".corp", ".compute.amazonaws.com",
    ].map { Array($0.utf8) }

    /// `0-9 / @ : . \`: a word without any is plain and cannot be variable.
    private static func isTelltale(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == 0x2F || byte == 0x40 || byte == 0x3A || byte == 0x2E || byte == 0x5C
    }

    /// The bytes of `VariableToken.edgeBytes`.
    static func isEdge(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x22, 0x27, 0x60, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x3C, 0x3E, 0x2C, 0x3B, 0x3A, 0x2E, 0x21, 0x3F,
            0x2A, 0x2D, 0x20, 0x09, 0x0D, 0x0A:
            return true
        default:
            return false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
    static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte + 0x20 : byte }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }

    /// Whether `word` starts with the lowercase `prefix`, ignoring the case of `word`'s letters.
    private static func hasPrefix(_ word: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard word.count >= count else { return false }
        for offset in 0..<count where lower(word[offset]) != prefix.utf8Start[offset] { return false }
        return true
    }

    private static func contains(_ word: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        guard word.count >= 3 else { return false }
        for start in 0...(word.count - 3) where word[start] == a && word[start + 1] == b && word[start + 2] == c {
            return true
        }
        return false
    }

    /// Calls `body` with each non-empty run of bytes between `separator`s, as `split(separator:)` gives them.
    private static func forEachPart(
        _ word: UnsafeBufferPointer<UInt8>, separator: UInt8, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        forEachPartRange(word, separator: separator) { body(UnsafeBufferPointer(rebasing: word[$0])) }
    }

    private static func forEachPartRange(
        _ word: UnsafeBufferPointer<UInt8>, separator: UInt8, _ body: (Range<Int>) -> Void
    ) {
        var begin = 0
        for position in 0...word.count where position == word.count || word[position] == separator {
            if position > begin { body(begin..<position) }
            begin = position + 1
        }
    }
}
