import Foundation

/// An in-memory index over a runbook library that matches alerts and search queries to entries.
///
/// Built once from a `Library` and immutable afterwards, so one index can be shared by any number of
/// threads. Every term of every entry field is kept in an inverted index with its BM25 weight precomputed,
/// so a match only reads the postings of the query's own terms.
///
/// ```swift
/// let index = MatchIndex(library: library)
/// if let best = index.match(alert).first, best.score >= MatchIndex.defaultThreshold {
///     print(best.entry)
/// }
/// ```
public final class MatchIndex: Sendable {
    /// A match at or above this confidence is confident.
    public static let defaultThreshold: Double = 0.5

    /// BM25 term-frequency saturation.
    static let saturation: Double = 1.2

    /// One entry's weight for one term: BM25 per field, times the field's weight, summed over fields.
    struct Posting: Sendable {
        var entry: Int32
        /// Summed over the head fields (titles, document name, ancestors' titles).
        var head: Float
        /// Summed over every field.
        var all: Float
        /// `IndexField.bit` of every field the term occurs in.
        var fields: UInt8
    }

    let entries: [IndexedEntry]
    /// The document of each entry, apart from `entries`: the rival search reads it for every touched entry.
    let entryDocuments: [Int32]
    /// Term ids by their bytes (stemmed words and compounds; bigram ids are reserved in it).
    let vocabulary: TermTable
    /// Bigram term ids by `MatchIndexBuilder.bigramKey` of their words' ids.
    let bigrams: BigramTable
    let postings: [[Posting]]
    /// Inverse document frequency of each term.
    let idf: [Double]
    /// The idf of a term no entry has.
    let unseenIDF: Double
    /// Documents by lowercased path without extension, for `runbook_url` links.
    let documentsByPath: [String: [Int]]
    /// Document keys by their last path component.
    let documentsByStem: [String: [String]]
    /// The words of each entry's boiled title, to tell a section kept in two documents from a rival.
    let titleTerms: [Set<String>]
    /// The term ids of each entry's title words, back to back: entry `e`'s span
    /// `titleTermEnds[e - 1]..<titleTermEnds[e]` (for `MatchConfidence.titleShare`).
    let titleTermIDs: [Int32]
    let titleTermEnds: [Int32]
    /// The documents each document links to, by document index (see `MatchIndex.pointedAnswer`), resolved once.
    let documentLinks: [[Int32]]
    /// By term id, whether the library writes the term as one word (`haproxy`) at least as often as in two parts
    /// written together (`HAProxy`): see `MatchQuery.joinWrittenWords`.
    let isWord: [Bool]
    /// Whether each entry has sections of its own, whose titles and first lines it borrows (`IndexField.children`).
    let hasSections: [Bool]
    /// The names of the products the library gives a section of their own under a grouping heading (`## XPro` and
    /// `## MITXOnline` under `# Products`): the words of such a heading (see `ServiceScope`).
    let productNames: Set<String>

    /// The number of entries indexed.
    public var entryCount: Int { entries.count }

    /// Indexes every entry of `library`.
    public convenience init(library: Library) {
        let entryCount = library.documents.reduce(0) { $0 + $1.entries.count }
        let slices = min(ProcessInfo.processInfo.activeProcessorCount * 4, entryCount / MatchIndex.minimumSliceEntries)
        self.init(library: library, slices: slices)
    }

    /// Indexes every entry of `library`, reading it in `slices` runs of documents at once.
    init(library: Library, slices: Int) {
        let built = MatchIndex.collect(library.documents, slices: slices).build()
        entries = built.entries
        entryDocuments = built.entries.map { Int32($0.document) }
        vocabulary = built.vocabulary
        bigrams = built.bigrams
        postings = built.postings
        let count = Double(max(built.entries.count, 1))
        idf = built.postings.map { list in
            let frequency = Double(list.count)
            return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
        }
        unseenIDF = log(1 + (count + 0.5) / 0.5)
        documentsByPath = built.documentsByPath
        titleTerms = built.titleTerms
        var ids: [Int32] = []
        var ends: [Int32] = []
        ends.reserveCapacity(built.titleTerms.count)
        for words in built.titleTerms {
            for word in words.sorted() {
                var word = word
                if let id = word.withUTF8({ built.vocabulary.find($0) }) { ids.append(id) }
            }
            ends.append(Int32(ids.count))
        }
        titleTermIDs = ids
        titleTermEnds = ends
        documentsByStem = Dictionary(grouping: built.documentsByPath.keys) { key in
            key.split(separator: "/").last.map(String.init) ?? key
        }
        var links = Array(repeating: [Int32](), count: (built.entries.last?.document ?? -1) + 1)
        for entry in built.entries where !entry.linkedDocuments.isEmpty && links[entry.document].isEmpty {
            links[entry.document] = entry.linkedDocuments.compactMap { key in
                built.documentsByPath[key]?.first.map { Int32(built.entries[$0].document) }
            }
        }
        documentLinks = links
        var parents = Array(repeating: false, count: built.entries.count)
        for entry in built.entries { if let parent = entry.parent { parents[parent] = true } }
        hasSections = parents
        isWord = built.isWord
        productNames = MatchIndex.productNames(of: built.entries)
    }

    /// The names in every heading whose parent is a grouping heading (`Products`, `Services`): each word of it, a
    /// word written in parts whole (`mitxonline` for `MITXOnline`, not its `online`).
    static func productNames(of entries: [IndexedEntry]) -> Set<String> {
        var names: Set<String> = []
        for entry in entries {
            guard let parent = entry.parent else { continue }
            let grouping = ServiceScope.headingWords(entries[parent].title)
            guard !grouping.isEmpty, grouping.allSatisfy(ServiceScope.groupingWords.contains) else { continue }
            for chunk in ServiceScope.chunks(of: entry.title, limit: .max) {
                if let compound = chunk.compound {
                    names.insert(compound)
                } else {
                    names.formUnion(chunk.parts)
                }
            }
        }
        return names
    }

    /// Reads `documents` into one builder, in slices read concurrently and merged in order.
    ///
    /// Tokenizing is independent per document and dominates the build; merging only re-interns each slice's
    /// distinct terms. The slices are contiguous and merged in document order, so the result is the same
    /// whatever the number of threads.
    private static func collect(_ documents: [Document], slices count: Int) -> MatchIndexBuilder {
        let slices = slices(of: documents, count: count)
        guard slices.count > 1 else {
            var builder = MatchIndexBuilder()
            for document in documents { builder.add(document) }
            return builder
        }
        let results = UnsafeMutableBufferPointer<MatchIndexBuilder>.allocate(capacity: slices.count)
        results.initialize(repeating: MatchIndexBuilder())
        defer { results.deinitialize().deallocate() }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: slices.count) { slice in
            var builder = MatchIndexBuilder()
            for document in documents[slices[slice]] { builder.add(document) }
            shared[slice] = builder
        }
        var merged = results[0]
        for builder in results.dropFirst() { merged.absorb(builder) }
        return merged
    }

    /// At most `count` contiguous runs of documents with about the same number of entries each.
    private static func slices(of documents: [Document], count: Int) -> [Range<Int>] {
        guard count > 1 else { return [documents.indices] }
        let entryCount = documents.reduce(0) { $0 + $1.entries.count }
        let target = (entryCount + count - 1) / count
        var slices: [Range<Int>] = []
        var start = 0
        var entries = 0
        for (index, document) in documents.enumerated() {
            entries += document.entries.count
            if entries >= target {
                slices.append(start..<index + 1)
                start = index + 1
                entries = 0
            }
        }
        if start < documents.count { slices.append(start..<documents.count) }
        return slices
    }

    /// Below this many entries per slice, threads cost more than they save; a few slices per processor even out
    /// their sizes.
    static let minimumSliceEntries = 500

    /// Ranks the entries that best answer `alert`, best first, with calibrated confidence and evidence.
    ///
    /// A `runbook_url` annotation or label that points into the library wins outright. Otherwise the
    /// alert's name, key, labels, title and text are looked up (see `MatchQuery`).
    public func match(_ alert: Alert, limit: Int = 5) -> [Match] {
        match(alert, key: AlertKey.key(for: alert), limit: limit)
    }

    /// Ranks the entries for `alert` whose `AlertKey.key(for:)` the caller already has (ingestion stores it too).
    ///
    /// `key` must be `AlertKey.key(for: alert)`; computing it is a good part of a match's cost.
    public func match(_ alert: Alert, key: String, limit: Int = 5) -> [Match] {
        guard limit > 0 else { return [] }
        return match(prepare(alert, key: key), limit: limit)
    }

    /// The id of a query term in the index, nil when no entry has it.
    ///
    /// Looked up on the term's UTF-8 bytes: ranking and evidence ask for every query term, often more than once.
    func termID(_ term: MatchQuery.Term) -> Int32? {
        var text = term.term
        return text.withUTF8 { bytes in
            guard term.kind == .bigram else { return vocabulary.find(bytes) }
            guard let space = bytes.firstIndex(of: 0x20),
                  let first = vocabulary.find(UnsafeBufferPointer(rebasing: bytes[..<space])),
                  let second = vocabulary.find(UnsafeBufferPointer(rebasing: bytes[(space + 1)...]))
            else { return nil }
            return bigrams[MatchIndexBuilder.bigramKey(first, second)]
        }
    }

    /// Ranks the entries that best answer a typed query, best first.
    public func search(_ query: String, limit: Int = 10) -> [Match] {
        guard limit > 0 else { return [] }
        var terms = MatchQuery()
        terms.add(query, field: "query", weight: 2.0, isName: true, bigrams: true)
        terms.addRelatedTerms()
        return rank(terms, limit: limit)
    }
}
