/// The weighted terms the matcher looks up for one alert or search.
///
/// Each term remembers the alert field that weighed it most (for evidence) and whether it may hit any
/// entry field or only the head fields (titles, document name, ancestors' titles), which is where label
/// values such as a service name belong.
struct MatchQuery: Sendable {
    struct Term: Sendable, Hashable {
        var term: String
        var kind: MatchTokenizer.Token.Kind
        /// How much the alert field this term came from counts.
        var weight: Double
        /// The alert field, for evidence: `alertname`, `title`, `label.service`, `text`…
        var field: String
        /// Label values hit the head fields only.
        var headOnly: Bool
        /// The term can name an entry: a compound from the alert's name, key or title, or a compound of three
        /// or more parts from anywhere but a label (`KubemacpoolMACCollisionDetected` quoted in a chat line).
        var isName: Bool
        /// The term came from what names the alert (its name, key or a short title): such a word counts
        /// against an entry that lacks it even when no entry has it, while a word of running text that no
        /// entry has ("since yesterday") carries no evidence either way.
        var naming: Bool
        /// How much the term counts towards the query's evidential mass (coverage), relative to its weight:
        /// less for an everyday chat word (see `ChatWords`).
        var evidence: Double
        /// Brought by a word of the alert through `OperationsVocabulary`: it scores and explains like the word,
        /// but adds nothing to what the alert must be explained by.
        var related = false
        /// For a compound, the words it joins (`facebook`, `connector` for `facebookconnector`): an entry that has
        /// every one of them explains the compound too (see `MatchIndex.rank`).
        var parts: [String] = []
        /// For a related term, the position in `terms` of the alert's word that brought it (see
        /// `MatchIndex.explainRelatedWords`); -1 for the alert's own words.
        var source = -1
    }

    private(set) var terms: [Term] = []
    /// What the alert is about, to tell an entry written for another service (see `ServiceScope`).
    var scope = ServiceScope(subject: "")
    /// The error codes the alert's title carries, to tell an entry keyed to another code (see `ErrorCodes`).
    var errorCodes = ErrorCodes("")
    /// The exception classes the alert's title and text name, to tell an entry keyed to another class (see
    /// `ErrorClasses`).
    var errorClasses = ErrorClasses("")
    /// The exception classes named anywhere else in the alert (its name, annotations and read labels), read when
    /// `errorClasses` has any: an entry keyed to one of them is not another's.
    var mentionedErrorClasses = ErrorClasses("")
    /// The words of the alert's key written joined by `-` or `_` (`linkedin-connector`), which may name its service
    /// (see `MatchIndex.siblingService`).
    var joinedKeyWords: [ServiceScope.Chunk] = []
    private var positions: [String: Int] = [:]
    /// Two words the alert writes together (`Git` and `Lab` in `GitLab`), with the text they came from: one word
    /// where the library writes them as one (see `joinWrittenWords`).
    private var pairs: [Pair] = []
    /// How many times each term `add` made was read as a part, by position: a part read only inside its pairs is
    /// read joined, one read on its own too stays (see `joinWrittenWords`).
    private var partUses: [Int32] = []

    private struct Pair: Sendable {
        var term: String
        var first: String
        var second: String
        var weight: Double
        var field: String
        var headOnly: Bool
        var naming: Bool
    }

    /// Adds the terms of `text`; a term already present keeps the larger weight and may widen its scope.
    ///
    /// Takes each token as `MatchTokenizer.scan` finds it, in the order `MatchTokenizer.tokens` lists them; the
    /// tokens of a short text come from `recentTokens` when the text was read recently.
    mutating func add(
        _ text: String, field: String, weight: Double, headOnly: Bool = false, isName: Bool = false,
        bigrams: Bool = false
    ) {
        if terms.isEmpty {
            // An alert's query holds a few dozen terms: room for them at once, instead of growing (and rehashing)
            // five times on the way.
            terms.reserveCapacity(MatchQuery.initialCapacity)
            positions.reserveCapacity(MatchQuery.initialCapacity)
        }
        let origin = Origin(
            field: field, weight: weight, headOnly: headOnly, isName: isName, oneWord: !text.utf8.contains(0x20))
        let memo = bigrams ? MatchQuery.recentTokens.withBigrams : MatchQuery.recentTokens.plain
        if text.utf8.count <= memo.maximumLength {
            var recentParts: [String] = []
            for token in memo.value(for: text, { MatchTokenizer.tokens($0, bigrams: bigrams, pairs: true) }) {
                if token.kind == .part { recentParts.append(token.term) }
                take(token, recentParts: recentParts, from: origin)
            }
            return
        }
        withUnsafeMutablePointer(to: &self) { query in
            var adder = Adder(query: query, origin: origin, bigrams: bigrams)
            MatchTokenizer.scan(text, into: &adder)
        }
    }

    /// The tokens of recently read short texts (names, keys, label values, short titles), without and with bigrams.
    static let recentTokens = (
        plain: TextMemo<[MatchTokenizer.Token]>(maximumLength: 64),
        withBigrams: TextMemo<[MatchTokenizer.Token]>(maximumLength: 64)
    )

    static let initialCapacity = 64

    /// Where the text being added comes from, and how much it counts.
    private struct Origin {
        let field: String
        let weight: Double
        let headOnly: Bool
        let isName: Bool
        /// The text has no space: an alert's name alone (`TargetDown`), not a name of several words.
        let oneWord: Bool
    }

    /// Adds one token of a text from `origin`; `recentParts` are the parts read so far, this one included.
    private mutating func take(_ token: MatchTokenizer.Token, recentParts: [String], from origin: Origin) {
        if token.kind == .pair {
            guard recentParts.count >= 2 else { return }
            pairs.append(Pair(
                term: token.term, first: recentParts[recentParts.count - 2], second: recentParts[recentParts.count - 1],
                weight: origin.weight, field: origin.field, headOnly: origin.headOnly, naming: origin.isName))
            return
        }
        let weight = token.kind == .bigram ? origin.weight * 0.5 : origin.weight
        // A compound of two parts is the alert's name only when it is the whole name (`TargetDown`); one among
        // other words (`xPro` in the check `xPro production home page`) is a product's name written as one word.
        let isName = token.kind == .compound
            && (token.width >= 3 ? origin.isName || !origin.headOnly : origin.isName && origin.oneWord)
        if let position = MatchQuery.claim(&positions[token.term, default: -1], for: terms.count) {
            if token.kind == .part && position < partUses.count { partUses[position] += 1 }
            if weight > terms[position].weight {
                terms[position].weight = weight
                terms[position].field = origin.field
            }
            terms[position].headOnly = terms[position].headOnly && origin.headOnly
            terms[position].isName = terms[position].isName || isName
            terms[position].naming = terms[position].naming || origin.isName
            return
        }
        var candidate = Term(
            term: token.term, kind: token.kind, weight: weight, field: origin.field, headOnly: origin.headOnly,
            isName: isName, naming: origin.isName, evidence: MatchQuery.evidence(of: token))
        if token.kind == .compound {
            // The chunk's indexed words are the last parts read. A chunk with a stop word in it (`end-of-life`)
            // takes a word of the chunk before as well, which only makes the compound harder to explain.
            candidate.parts = Array(recentParts.suffix(token.width))
        }
        terms.append(candidate)
        if partUses.count == terms.count - 1 { partUses.append(token.kind == .part ? 1 : 0) }
    }

    /// The position in `slot` when it holds one; else (a new term, -1) nil, and `slot` takes `next`. Finds or
    /// places a term with one hash of its text.
    private static func claim(_ slot: inout Int, for next: Int) -> Int? {
        guard slot < 0 else { return slot }
        slot = next
        return nil
    }

    /// Feeds what `MatchTokenizer.scan` finds in one text straight into the query, without a list of tokens between.
    private struct Adder: MatchTokenSink {
        /// The query being added to, for the duration of one `add`.
        let query: UnsafeMutablePointer<MatchQuery>
        let origin: Origin
        let bigrams: Bool
        private var recentParts: [String] = []
        private var previous: String?
        private var stemmed: [UInt8] = []

        init(query: UnsafeMutablePointer<MatchQuery>, origin: Origin, bigrams: Bool) {
            self.query = query
            self.origin = origin
            self.bigrams = bigrams
        }

        mutating func classify(_ word: UnsafeBufferPointer<UInt8>) -> (MatchTokenizer.PartFlags, String) {
            TokenCollector.classify(word, stemmed: &stemmed)
        }

        mutating func part(_ handle: String) {
            recentParts.append(handle)
            query.pointee.take(MatchTokenizer.Token(term: handle, kind: .part), recentParts: recentParts, from: origin)
            if bigrams, let previous {
                let bigram = MatchTokenizer.Token(term: previous + " " + handle, kind: .bigram, width: 2)
                query.pointee.take(bigram, recentParts: recentParts, from: origin)
            }
            previous = handle
        }

        mutating func pair(_ joined: UnsafeBufferPointer<UInt8>) {
            MatchTokenizer.stem(joined, into: &stemmed)
            let token = MatchTokenizer.Token(term: String(decoding: stemmed, as: UTF8.self), kind: .pair, width: 2)
            query.pointee.take(token, recentParts: recentParts, from: origin)
        }

        mutating func compound(_ word: UnsafeBufferPointer<UInt8>, width: Int) {
            let token = MatchTokenizer.Token(term: String(decoding: word, as: UTF8.self), kind: .compound, width: width)
            query.pointee.take(token, recentParts: recentParts, from: origin)
        }
    }

    var isEmpty: Bool { terms.isEmpty }

    /// Weighs the words of the questions of `texts` (see `ChatQuestions`) `ChatQuestions.weight` times what they
    /// weigh, once each, whichever field brought them, and marks them as the question's in the evidence: words that
    /// name the alert and related terms stay as they are.
    mutating func emphasizeQuestions(of texts: [String]) {
        for text in texts where ChatQuestions.hasQuestion(text) {
            raise(ChatQuestions.questions(in: text), by: ChatQuestions.weight, as: ChatQuestions.field)
        }
    }

    /// Raises the words of the code spans of `texts` (see `CodeSpans`) in the same way, except those a question has
    /// raised already: a quoted command in a question counts as much as the question.
    mutating func emphasizeCodeSpans(of texts: [String]) {
        for text in texts where text.utf8.contains(0x60) {
            raise(CodeSpans.spans(in: text), by: CodeSpans.weight, as: CodeSpans.field)
        }
    }

    /// Multiplies the weight of the words of `pieces` by `factor`, once each, and gives `field` as theirs in the
    /// evidence (why they weigh what they do). Words that name the alert, related terms and words a question has
    /// raised stay as they are.
    private mutating func raise(_ pieces: [Substring], by factor: Double, as field: String) {
        for piece in pieces {
            for token in MatchTokenizer.tokens(String(piece), bigrams: true) {
                guard let position = positions[token.term], !terms[position].naming, !terms[position].related,
                      terms[position].field != ChatQuestions.field, terms[position].field != field
                else { continue }
                terms[position].weight *= factor
                terms[position].field = field
            }
        }
    }

    /// Adds the related terms of every word and bigram (see `OperationsVocabulary`) not already present.
    mutating func addRelatedTerms() {
        // By index, over the terms there were before: iterating `terms` itself would copy it at the first append.
        for index in 0..<terms.count where terms[index].kind != .compound && !terms[index].related {
            let term = terms[index]
            guard let related = OperationsVocabulary.related[term.term] else { continue }
            for other in related where MatchQuery.claim(&positions[other, default: -1], for: terms.count) == nil {
                let kind: MatchTokenizer.Token.Kind = other.utf8.contains(0x20) ? .bigram : .part
                terms.append(Term(
                    term: other, kind: kind, weight: term.weight * OperationsVocabulary.weight, field: term.field,
                    headOnly: term.headOnly, isName: false, naming: false, evidence: term.evidence, related: true,
                    source: index))
            }
        }
    }

    /// Adds, for each long word that names the alert, the longest shorter word of `hasWord`'s vocabulary it starts
    /// with, as a related term: a product is often named short in a library and in full in an alert (`elastic/`
    /// for `Elasticsearch`, `mongo` for `MongoDB`). The shorter word has at least `prefixMinimum` letters and the
    /// longer `prefixSuffixMinimum` more, so that an ending the stemmer keeps (`replication`, `replica`) is not read
    /// as a product's full name.
    mutating func addPrefixTerms(_ hasWord: (UnsafeBufferPointer<UInt8>) -> Bool) {
        for index in 0..<terms.count {
            var text = terms[index].term
            guard terms[index].kind == .part, terms[index].naming, !terms[index].related,
                  text.utf8.count >= MatchQuery.prefixMinimum + MatchQuery.prefixSuffixMinimum
            else { continue }
            let found = text.withUTF8 { bytes -> String? in
                guard bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
                for length in stride(from: bytes.count - MatchQuery.prefixSuffixMinimum,
                                     through: MatchQuery.prefixMinimum, by: -1) {
                    let prefix = UnsafeBufferPointer(rebasing: bytes[..<length])
                    if hasWord(prefix) { return String(decoding: prefix, as: UTF8.self) }
                }
                return nil
            }
            if let prefix = found {
                let term = terms[index]
                if MatchQuery.claim(&positions[prefix, default: -1], for: terms.count) == nil {
                    terms.append(Term(
                        term: prefix, kind: .part, weight: term.weight * OperationsVocabulary.weight,
                        field: term.field, headOnly: term.headOnly, isName: false, naming: false,
                        evidence: term.evidence, related: true, source: index))
                }
            }
        }
    }

    /// Reads as one word two parts the alert writes together when the library writes them as one word (`isWord`):
    /// `GitLab` as `gitlab`, `HAProxy` in `HAProxyBackendErrorRateHigh` as `haproxy`. Split, a product's name
    /// counted three times (`git`, `lab`, `gitlab`) and its halves met unrelated entries (`git`; `rate-limiting`'s
    /// `HAProxy`, whose `ha` and `proxy` outweighed the rest of the name). A part read elsewhere on its own stays.
    mutating func joinWrittenWords(_ isWord: (String) -> Bool) {
        let words = pairs.filter { isWord($0.term) }
        // Read once: the positions the counts follow change below.
        defer {
            pairs = []
            partUses = []
        }
        guard !words.isEmpty else { return }
        var joinedUses: [String: Int32] = [:]
        for pair in words {
            joinedUses[pair.first, default: 0] += 1
            joinedUses[pair.second, default: 0] += 1
        }
        let dropped = Set(joinedUses.compactMap { part, joined -> String? in
            guard let position = positions[part], position < partUses.count else { return nil }
            return partUses[position] <= joined ? part : nil
        })
        guard !dropped.isEmpty else { return }
        // A pair whose parts the alert also writes apart (`RateLimitError` beside `rate_limit_error`) adds nothing.
        for pair in words where dropped.contains(pair.first) || dropped.contains(pair.second) {
            let joined = Term(
                term: pair.term, kind: .part, weight: pair.weight, field: pair.field, headOnly: pair.headOnly,
                isName: false, naming: pair.naming, evidence: 1, parts: [pair.first, pair.second])
            if let position = positions[pair.term], !terms[position].related {
                if terms[position].kind == .compound && terms[position].parts == [pair.first, pair.second] {
                    terms[position].kind = .part
                }
                if terms[position].kind == .part && pair.weight > terms[position].weight {
                    terms[position].weight = pair.weight
                    terms[position].field = pair.field
                }
                terms[position].naming = terms[position].naming || pair.naming
                terms[position].headOnly = terms[position].headOnly && pair.headOnly
            } else if let position = positions[pair.term] {
                // Brought by another word of the alert (`crashloop` by `restart`): the alert's own word now.
                terms[position] = joined
            } else {
                positions[pair.term] = terms.count
                terms.append(joined)
            }
        }
        var kept: [Term] = []
        var moved = [Int](repeating: -1, count: terms.count)
        for (index, term) in terms.enumerated() {
            switch term.kind {
            case .part where dropped.contains(term.term): continue
            case .bigram:
                let words = term.term.split(separator: " ").map(String.init)
                if words.contains(where: dropped.contains) { continue }
            default: break
            }
            if term.related && (term.source < 0 || moved[term.source] < 0) { continue }
            moved[index] = kept.count
            var term = term
            if term.related { term.source = moved[term.source] }
            kept.append(term)
        }
        terms = kept
        positions = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.term, $0) })
    }

    /// The fewest letters of the shorter word in `addPrefixTerms`.
    static let prefixMinimum = 5
    /// The fewest letters the longer word has beyond it.
    static let prefixSuffixMinimum = 4

    /// How much a token counts towards the evidential mass: an everyday chat word a fifth, others in full.
    static func evidence(of token: MatchTokenizer.Token) -> Double {
        token.kind == .part && ChatWords.contains(token.term) ? ChatWords.weight : 1
    }
}
