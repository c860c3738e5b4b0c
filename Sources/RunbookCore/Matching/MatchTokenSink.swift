/// Receives what `MatchTokenizer.scan` finds in a text: each part's class, the indexed parts, the compounds.
///
/// The sink decides what a part becomes: the tokenizer's own collector builds `Token` strings, the index
/// builder interns bytes straight to term ids and caches each distinct word's class.
protocol MatchTokenSink {
    /// What the sink keeps to name an indexed part between `classify` and `part`.
    associatedtype Handle

    /// The flags of the lowercased `word` and the handle to pass back if it is indexed.
    mutating func classify(_ word: UnsafeBufferPointer<UInt8>) -> (MatchTokenizer.PartFlags, Handle)

    /// An indexed part (stop words and single letters are not), in text order.
    mutating func part(_ handle: Handle)

    /// The meaningful parts of a chunk joined, lowercased, when there are two or more (`width` of them).
    mutating func compound(_ word: UnsafeBufferPointer<UInt8>, width: Int)

    /// Two indexed parts written together with no separator between them (`Git` and `Lab` in `GitLab`), as the
    /// lowercased bytes they make joined: called after the second part.
    mutating func pair(_ joined: UnsafeBufferPointer<UInt8>)
}

extension MatchTokenSink {
    mutating func pair(_ joined: UnsafeBufferPointer<UInt8>) {}
}
