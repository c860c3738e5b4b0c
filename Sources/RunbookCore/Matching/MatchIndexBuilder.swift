import Foundation

/// Collects a library's entries and turns them into the postings of a `MatchIndex`.
struct MatchIndexBuilder {
    struct Built {
        var entries: [IndexedEntry]
        var vocabulary: [String: Int32]
        var bigrams: [UInt64: Int32]
        var postings: [[MatchIndex.Posting]]
        var documentsByPath: [String: [Int]]
    }

    /// Term counts of one field of one entry.
    private struct FieldCounts {
        var counts: [Int32: Int32] = [:]
        var length = 0
    }

    /// A parent borrows a child's title and the start of its text: enough to say what the child is about.
    static let childTextLimit = 400
    /// How many levels of descendants a parent borrows from.
    static let childDepthLimit = 2

    private var entries: [IndexedEntry] = []
    private var fieldCounts: [[FieldCounts]] = []
    private var vocabulary: [String: Int32] = [:]
    /// Bigram term ids by the ids of their two words, so that indexing builds no bigram strings.
    private var bigrams: [UInt64: Int32] = [:]
    private var termCount: Int32 = 0
    private var documentCount = 0
    private var documentsByPath: [String: [Int]] = [:]

    /// Adds every entry of `document`.
    mutating func add(_ document: Document) {
        let base = entries.count
        var indexByID: [String: Int] = [:]
        for (offset, entry) in document.entries.enumerated() {
            indexByID[entry.id] = base + offset
        }
        var childText = Array(repeating: [String](), count: document.entries.count)
        for entry in document.entries {
            let summary = entry.title + " " + entry.text.prefix(MatchIndexBuilder.childTextLimit)
            var parent = entry.parentID
            var depth = 0
            while let id = parent, let index = indexByID[id], depth < MatchIndexBuilder.childDepthLimit {
                childText[index - base].append(summary)
                parent = document.entries[index - base].parentID
                depth += 1
            }
        }
        for (offset, entry) in document.entries.enumerated() {
            entries.append(IndexedEntry(
                id: entry.id, title: entry.title, file: entry.file, anchor: entry.anchor, document: documentCount,
                parent: entry.parentID.flatMap { indexByID[$0] }))
            let fields = EntryFields(entry: entry, document: document, childText: childText[offset])
            fieldCounts.append(IndexField.allCases.map { count(fields.texts[$0] ?? [], in: $0) })
        }
        documentCount += 1
        let key = MatchIndexBuilder.pathKey(document.file)
        documentsByPath[key, default: []].append(contentsOf: base..<entries.count)
    }

    /// A document path as links name it: lowercased, without `.md`.
    static func pathKey(_ path: String) -> String {
        var key = path.lowercased()
        if key.hasSuffix(".md") { key.removeLast(3) }
        return key
    }

    private mutating func count(_ texts: [String], in field: IndexField) -> FieldCounts {
        var result = FieldCounts()
        let withBigrams = field == .text || field == .title
        for text in texts {
            var previous: Int32?
            for token in MatchTokenizer.tokens(text) {
                let id = termID(token.term)
                result.counts[id, default: 0] += 1
                guard token.kind == .part else { continue }
                result.length += 1
                if withBigrams, let previous {
                    result.counts[bigramID(previous, id), default: 0] += 1
                }
                previous = id
            }
        }
        return result
    }

    /// The key of the bigram of the words `first` and `second`.
    static func bigramKey(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    private mutating func bigramID(_ first: Int32, _ second: Int32) -> Int32 {
        let key = MatchIndexBuilder.bigramKey(first, second)
        if let id = bigrams[key] { return id }
        let id = termCount
        termCount += 1
        bigrams[key] = id
        return id
    }

    private mutating func termID(_ term: String) -> Int32 {
        if let id = vocabulary[term] { return id }
        let id = termCount
        termCount += 1
        vocabulary[term] = id
        return id
    }

    /// Computes every posting's BM25 weight, now that the average field lengths are known.
    func build() -> Built {
        let fields = IndexField.allCases
        var averages = Array(repeating: 0.0, count: fields.count)
        for counts in fieldCounts {
            for field in fields { averages[field.rawValue] += Double(counts[field.rawValue].length) }
        }
        let total = Double(max(fieldCounts.count, 1))
        averages = averages.map { max($0 / total, 1) }
        var postings = Array(repeating: [MatchIndex.Posting](), count: Int(termCount))
        let k1 = MatchIndex.saturation
        var merged: [Int32: MatchIndex.Posting] = [:]
        for (entry, counts) in fieldCounts.enumerated() {
            merged.removeAll(keepingCapacity: true)
            for field in fields {
                let length = Double(counts[field.rawValue].length)
                let b = field.lengthNormalisation
                let norm = 1 - b + b * length / averages[field.rawValue]
                for (term, frequency) in counts[field.rawValue].counts {
                    let tf = Double(frequency) / norm
                    let weight = Float(field.weight * tf * (k1 + 1) / (k1 + tf))
                    var posting = merged[term] ?? MatchIndex.Posting(entry: Int32(entry), head: 0, all: 0, fields: 0)
                    posting.all += weight
                    if field.isHead { posting.head += weight }
                    posting.fields |= field.bit
                    merged[term] = posting
                }
            }
            for (term, posting) in merged {
                postings[Int(term)].append(posting)
            }
        }
        return Built(
            entries: entries, vocabulary: vocabulary, bigrams: bigrams, postings: postings,
            documentsByPath: documentsByPath)
    }
}
