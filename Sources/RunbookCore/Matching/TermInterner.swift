/// Turns the texts of an entry field into term ids as `MatchTokenizer.scan` reads them.
///
/// Every distinct word is classified and stemmed once: later occurrences cost one hash lookup of their
/// bytes. Words, compounds and bigrams share one id space, that of `vocabulary`.
struct TermInterner: MatchTokenSink {
    /// Terms (stemmed words and compounds) by their bytes; bigram ids are reserved in it.
    private(set) var vocabulary = TermTable()
    /// Bigram term ids by `MatchIndexBuilder.bigramKey` of their words' ids.
    private(set) var bigrams = BigramTable()
    /// The term ids of the field read so far, in text order (each bigram after its second word).
    private(set) var occurrences: [Int32] = []
    /// The number of words (parts) of the field read so far.
    private(set) var length = 0
    /// By term id, how many times the term was read as a word of its own (a part: `gitlab` in `gitlab-rails`) and
    /// as two parts written together (`GitLab`); see `MatchIndex.isWord`.
    private(set) var wordCounts: [Int32] = []
    private(set) var pairCounts: [Int32] = []

    /// Lowercased words as they appear, before stemming, with their flags and term (-1 until first indexed).
    private var words = TermTable()
    private var wordFlags: [MatchTokenizer.PartFlags] = []
    private var wordTerms: [Int32] = []
    private var stemmed: [UInt8] = []
    private var withBigrams = false
    private var previous: Int32 = -1
    /// The term of the pair read last, until the next part.
    private var lastPair: Int32 = -1

    /// Reads the texts of one field, replacing the previous field's occurrences.
    mutating func read(_ texts: [String], bigrams: Bool) {
        occurrences.removeAll(keepingCapacity: true)
        length = 0
        withBigrams = bigrams
        for text in texts {
            previous = -1
            MatchTokenizer.scan(text, into: &self)
        }
    }

    mutating func classify(_ word: UnsafeBufferPointer<UInt8>) -> (MatchTokenizer.PartFlags, Int32) {
        let id = words.intern(word)
        if Int(id) == wordFlags.count {
            wordFlags.append(MatchTokenizer.flags(of: word))
            wordTerms.append(-1)
        }
        return (wordFlags[Int(id)], id)
    }

    /// The term of the word `handle` names, stemmed and interned the first time it is asked for.
    private mutating func term(of handle: Int32) -> Int32 {
        var term = wordTerms[Int(handle)]
        if term < 0 {
            words.bytes(handle).withUnsafeBufferPointer { MatchTokenizer.stem($0, into: &stemmed) }
            term = stemmed.withUnsafeBufferPointer { vocabulary.intern($0) }
            wordTerms[Int(handle)] = term
        }
        return term
    }

    mutating func part(_ handle: Int32) {
        lastPair = -1
        let term = term(of: handle)
        TermInterner.add(1, at: term, to: &wordCounts)
        occurrences.append(term)
        length += 1
        if withBigrams && previous >= 0 {
            occurrences.append(bigramID(previous, term))
        }
        previous = term
    }

    mutating func compound(_ word: UnsafeBufferPointer<UInt8>, width: Int) {
        let term = vocabulary.intern(word)
        // `GitLab`: the chunk's pair is its compound, already counted once.
        if width == 2 && term == lastPair { return }
        occurrences.append(term)
    }

    /// Two parts written together (`Crash` and `Loop` in `KubePodCrashLooping`) are indexed joined (`crashloop`) as
    /// well, so that an alert whose words the library writes as one (`crashlooping`) meets them (see
    /// `MatchQuery.joinWrittenWords`). Not a word of the field's length, and counted as a pair, not as a word. The
    /// joined bytes are looked up as a word is, so each distinct pair is stemmed once.
    mutating func pair(_ joined: UnsafeBufferPointer<UInt8>) {
        let term = term(of: classify(joined).1)
        occurrences.append(term)
        TermInterner.add(1, at: term, to: &pairCounts)
        lastPair = term
    }

    /// Adds `count` to `counts[term]`, growing `counts` as needed.
    private static func add(_ count: Int32, at term: Int32, to counts: inout [Int32]) {
        if counts.count <= Int(term) {
            counts.append(contentsOf: repeatElement(0, count: max(Int(term) + 1, 2 * counts.count) - counts.count))
        }
        counts[Int(term)] += count
    }

    /// Interns every term of `other` (read by another builder) and returns the id here of each of its ids.
    mutating func adopt(_ other: TermInterner) -> [Int32] {
        var bigramKeys = [UInt64](repeating: 0, count: other.vocabulary.count)
        for (key, id) in other.bigrams.pairs { bigramKeys[Int(id)] = key }
        var ids = [Int32](repeating: 0, count: other.vocabulary.count)
        for id in 0..<Int32(other.vocabulary.count) {
            if other.vocabulary.isReserved(id) {
                // A bigram's words are read before it, so they already have their ids here.
                let key = bigramKeys[Int(id)]
                ids[Int(id)] = bigramID(ids[Int(key >> 32)], ids[Int(key & 0xFFFF_FFFF)])
            } else {
                ids[Int(id)] = other.vocabulary.bytes(id).withUnsafeBufferPointer { vocabulary.intern($0) }
                if Int(id) < other.wordCounts.count {
                    TermInterner.add(other.wordCounts[Int(id)], at: ids[Int(id)], to: &wordCounts)
                }
                if Int(id) < other.pairCounts.count {
                    TermInterner.add(other.pairCounts[Int(id)], at: ids[Int(id)], to: &pairCounts)
                }
            }
        }
        return ids
    }

    private mutating func bigramID(_ first: Int32, _ second: Int32) -> Int32 {
        let key = MatchIndexBuilder.bigramKey(first, second)
        if let id = bigrams[key] { return id }
        let id = vocabulary.reserve()
        bigrams.insert(key, id: id)
        return id
    }
}
