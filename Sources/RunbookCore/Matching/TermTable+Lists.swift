extension TermTable {
    /// A table of `words`.
    init(words: some Sequence<String>) {
        self.init()
        for word in words {
            _ = intern(word)
        }
    }

    /// The id of `word`'s bytes, interning them when new.
    mutating func intern(_ word: String) -> Int32 {
        var word = word
        return word.withUTF8 { intern($0) }
    }

    /// The words of several lists in one table, and for each word's id the lists it is on: a word is looked up once,
    /// by its bytes, for all of them.
    static func lists<Kind: OptionSet>(_ lists: [(words: Set<String>, kind: Kind)]) -> (table: TermTable, kinds: [Kind])
    where Kind.Element == Kind {
        var table = TermTable()
        var kinds: [Kind] = []
        for (words, kind) in lists {
            for word in words {
                let id = Int(table.intern(word))
                if id == kinds.count { kinds.append([]) }
                kinds[id].insert(kind)
            }
        }
        return (table, kinds)
    }
}
