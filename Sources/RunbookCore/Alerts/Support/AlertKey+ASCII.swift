/// `boiledWord` on the bytes of a printable ASCII token: the general code lowercases, trims and splits `String`s
/// and looks words up in sets of strings, several times per token, and a new title is mostly new tokens.
extension AlertKey {
    /// The lists a lowercased word is on, by its bytes.
    struct WordLists: OptionSet, Sendable {
        var rawValue: UInt8

        static let environment = WordLists(rawValue: 1)
        static let severity = WordLists(rawValue: 2)
        static let generic = WordLists(rawValue: 4)
    }

    /// Environment, severity and generic words, by their bytes (all are lowercase ASCII).
    static let listedWords = TermTable.lists([
        (VariableToken.environmentWords, WordLists.environment), (severityWords, .severity), (genericWords, .generic),
    ])

    /// `boiledWord(_:)` of a printable ASCII token.
    static func asciiBoiledWord(_ token: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = token.count
        while start < end, ASCIIToken.isEdge(token[start]) { start += 1 }
        while end > start, ASCIIToken.isEdge(token[end - 1]) { end -= 1 }
        let word = UnsafeBufferPointer(rebasing: token[start..<end])
        guard word.contains(where: ASCIIToken.isLetter), !ASCIIToken.isVariable(word) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { buffer -> String? in
            for (offset, byte) in word.enumerated() { buffer[offset] = ASCIIToken.lower(byte) }
            let lowered = UnsafeBufferPointer(buffer)
            let lists = listed(lowered)
            guard !isEnvironmentWord(lowered, lists: lists), !lists.contains(.severity), !lists.contains(.generic),
                !startsWithGenericPrefix(lowered)
            else { return nil }
            var parts: [Range<Int>] = []
            var begin = 0
            for position in 0...word.count where position == word.count || word[position] == 0x2D {
                parts.append(begin..<position)
                begin = position + 1
            }
            guard parts.count > 1 else { return String(decoding: word, as: UTF8.self) }
            var kept: [UInt8] = []
            for (index, part) in parts.enumerated() where !part.isEmpty {
                let bytes = UnsafeBufferPointer(rebasing: word[part])
                guard !ASCIIToken.isVariable(bytes),
                    !listed(UnsafeBufferPointer(rebasing: lowered[part])).contains(.environment),
                    !isPodSuffix(bytes, at: index, of: parts.count)
                else { continue }
                if !kept.isEmpty { kept.append(0x2D) }
                kept.append(contentsOf: bytes)
            }
            return kept.isEmpty ? nil : String(decoding: kept, as: UTF8.self)
        }
    }

    private static func listed(_ lowered: UnsafeBufferPointer<UInt8>) -> WordLists {
        listedWords.table.find(lowered).map { listedWords.kinds[Int($0)] } ?? []
    }

    /// `VariableToken.isEnvironmentWord` of a trimmed ASCII word, given lowercased, and the lists it is on.
    private static func isEnvironmentWord(_ lowered: UnsafeBufferPointer<UInt8>, lists: WordLists) -> Bool {
        guard lowered.count <= 48 else { return false }
        guard lowered.contains(where: { $0 == 0x2D || $0 == 0x5F }) else {
            return lowered.count <= 11 && lists.contains(.environment)
        }
        if lists.contains(.environment) { return true }
        var parts = 0
        var named = false
        var begin = 0
        for position in 0...lowered.count
        where position == lowered.count || lowered[position] == 0x2D || lowered[position] == 0x5F {
            if position > begin {
                parts += 1
                named = named || listed(UnsafeBufferPointer(rebasing: lowered[begin..<position])).contains(.environment)
            }
            begin = position + 1
        }
        return parts == 2 && named
    }

    private static func startsWithGenericPrefix(_ lowered: UnsafeBufferPointer<UInt8>) -> Bool {
        genericPrefixes.contains { prefix in
            prefix.utf8.count <= lowered.count && zip(prefix.utf8, lowered).allSatisfy { $0 == $1 }
        }
    }

    /// `isPodSuffix` of ASCII bytes: five lowercase letters and digits, at least one a digit, ending a name of three
    /// or more parts.
    private static func isPodSuffix(_ part: UnsafeBufferPointer<UInt8>, at index: Int, of count: Int) -> Bool {
        index == count - 1 && count >= 3 && part.count == 5 && part.contains(where: ASCIIToken.isDigit)
            && part.allSatisfy { ASCIIToken.isLower($0) || ASCIIToken.isDigit($0) }
    }
}
