import Testing

@testable import RunbookCore

/// `MatchTokenizer.flags(of:)` looks its word lists up by bytes: it must answer as the lists of strings do.
struct MatchTokenizerWordListTests {
    /// The flags as the word lists, read as sets of strings, give them.
    static func expectedFlags(_ word: String) -> MatchTokenizer.PartFlags {
        var bytes = Array(word.utf8)
        let variable = bytes.withUnsafeMutableBufferPointer { MatchTokenizer.isVariablePart(UnsafeBufferPointer($0)) }
        if variable || VariableToken.environmentWords.contains(word) { return .dropped }
        var flags: MatchTokenizer.PartFlags = []
        if MatchTokenizer.topLevelDomains.contains(word) { flags.insert(.topLevelDomain) }
        if !MatchTokenizer.stopWords.contains(word) && word.utf8.count >= 2 { flags.insert(.indexed) }
        return flags
    }

    static func flags(_ word: String) -> MatchTokenizer.PartFlags {
        var word = word
        return word.withUTF8 { MatchTokenizer.flags(of: $0) }
    }

    @Test func everyListedWordAndItsNeighboursGetTheListsFlags() {
        let listed = VariableToken.environmentWords.union(MatchTokenizer.topLevelDomains)
            .union(MatchTokenizer.stopWords)
        let neighbours = listed.flatMap { [$0 + "s", String($0.dropLast()), "x" + $0, $0 + "\u{301}"] }
        for word in Array(listed) + neighbours + ["", "é", "dev", "com", "the", "café", "prod", "5xx", "2nd", "a1"] {
            #expect(Self.flags(word) == Self.expectedFlags(word), "\(word)")
        }
    }

    @Test func wordsOnTwoListsGetBothFlags() {
        // `dev` is an environment word and a top-level domain; dropped wins, as before.
        #expect(Self.flags("dev") == .dropped)
        #expect(Self.flags("com") == [.topLevelDomain, .indexed])
        #expect(Self.flags("the") == [])
    }
}
