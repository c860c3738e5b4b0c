/// Collects `MatchTokenizer.Token`s as strings: for queries and tests, where a text is short.
struct TokenCollector: MatchTokenSink {
    var bigrams: Bool
    /// Whether to list `.pair` tokens.
    var pairs = false
    var out: [MatchTokenizer.Token] = []
    private var previous: String?
    private var stemmed: [UInt8] = []

    init(bigrams: Bool, pairs: Bool = false) {
        self.bigrams = bigrams
        self.pairs = pairs
    }

    mutating func classify(_ word: UnsafeBufferPointer<UInt8>) -> (MatchTokenizer.PartFlags, String) {
        TokenCollector.classify(word, stemmed: &stemmed)
    }

    /// The flags of the lowercased `word` and its stem when it is indexed (else ""); `stemmed` is scratch space.
    static func classify(
        _ word: UnsafeBufferPointer<UInt8>, stemmed: inout [UInt8]
    ) -> (MatchTokenizer.PartFlags, String) {
        let flags = MatchTokenizer.flags(of: word)
        guard flags.contains(.indexed) && !flags.contains(.dropped) else { return (flags, "") }
        MatchTokenizer.stem(word, into: &stemmed)
        return (flags, String(decoding: stemmed, as: UTF8.self))
    }

    mutating func part(_ handle: String) {
        out.append(MatchTokenizer.Token(term: handle, kind: .part))
        if bigrams, let previous {
            out.append(MatchTokenizer.Token(term: previous + " " + handle, kind: .bigram, width: 2))
        }
        previous = handle
    }

    mutating func compound(_ word: UnsafeBufferPointer<UInt8>, width: Int) {
        out.append(MatchTokenizer.Token(term: String(decoding: word, as: UTF8.self), kind: .compound, width: width))
    }

    mutating func pair(_ joined: UnsafeBufferPointer<UInt8>) {
        guard pairs else { return }
        MatchTokenizer.stem(joined, into: &stemmed)
        out.append(MatchTokenizer.Token(term: String(decoding: stemmed, as: UTF8.self), kind: .pair, width: 2))
    }
}
