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
    /// Term ids by their bytes (stemmed words and compounds; bigram ids are reserved in it).
    let vocabulary: TermTable
    /// Bigram term ids by `MatchIndexBuilder.bigramKey` of their words' ids.
    let bigrams: [UInt64: Int32]
    let postings: [[Posting]]
    /// Inverse document frequency of each term.
    let idf: [Double]
    /// The idf of a term no entry has.
    let unseenIDF: Double
    /// Documents by lowercased path without extension, for `runbook_url` links.
    let documentsByPath: [String: [Int]]
    /// Document keys by their last path component.
    let documentsByStem: [String: [String]]

    /// The number of entries indexed.
    public var entryCount: Int { entries.count }

    /// Indexes every entry of `library`.
    public init(library: Library) {
        var builder = MatchIndexBuilder()
        for document in library.documents {
            builder.add(document)
        }
        let built = builder.build()
        entries = built.entries
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
        documentsByStem = Dictionary(grouping: built.documentsByPath.keys) { key in
            key.split(separator: "/").last.map(String.init) ?? key
        }
    }

    /// Ranks the entries that best answer `alert`, best first, with calibrated confidence and evidence.
    ///
    /// A `runbook_url` annotation or label that points into the library wins outright. Otherwise the
    /// alert's name, key, labels, title and text are looked up (see `MatchQuery`).
    public func match(_ alert: Alert, limit: Int = 5) -> [Match] {
        guard limit > 0 else { return [] }
        let linked = linkedMatches(alert)
        let query = AlertQueryBuilder.query(for: alert)
        var results = linked
        let seen = Set(linked.map(\.entry))
        let ranked = rank(query, limit: limit + linked.count).filter { !seen.contains($0.entry) }
        results += ranked
        return Array(results.prefix(limit))
    }

    /// The id of a query term in the index, nil when no entry has it.
    func termID(_ term: MatchQuery.Term) -> Int32? {
        guard term.kind == .bigram else { return vocabulary.find(term.term) }
        let words = term.term.split(separator: " ")
        guard words.count == 2, let first = vocabulary.find(String(words[0])),
              let second = vocabulary.find(String(words[1]))
        else { return nil }
        return bigrams[MatchIndexBuilder.bigramKey(first, second)]
    }

    /// Ranks the entries that best answer a typed query, best first.
    public func search(_ query: String, limit: Int = 10) -> [Match] {
        guard limit > 0 else { return [] }
        var terms = MatchQuery()
        terms.add(query, field: "query", weight: 2.0, isName: true, bigrams: true)
        return rank(terms, limit: limit)
    }
}
