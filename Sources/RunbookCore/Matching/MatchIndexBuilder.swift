import Foundation

/// Collects a library's entries and turns them into the postings of a `MatchIndex`.
struct MatchIndexBuilder {
    struct Built {
        var entries: [IndexedEntry]
        var vocabulary: [String: Int32]
        var postings: [[MatchIndex.Posting]]
        var documentsByPath: [String: [Int]]
    }

    /// Term counts of one field of one entry.
    private struct FieldCounts {
        var counts: [Int32: Int32] = [:]
        var length = 0
    }

    private var entries: [IndexedEntry] = []
    private var fieldCounts: [[FieldCounts]] = []
    private var vocabulary: [String: Int32] = [:]
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
            var parent = entry.parentID
            var depth = 0
            while let id = parent, let index = indexByID[id], depth < 8 {
                childText[index - base].append(entry.title)
                childText[index - base].append(entry.text)
                parent = document.entries[index - base].parentID
                depth += 1
            }
        }
        for (offset, entry) in document.entries.enumerated() {
            entries.append(IndexedEntry(
                id: entry.id, title: entry.title, file: entry.file, anchor: entry.anchor,
                parent: entry.parentID.flatMap { indexByID[$0] }))
            let fields = EntryFields(entry: entry, document: document, childText: childText[offset])
            fieldCounts.append(IndexField.allCases.map { count(fields.texts[$0] ?? [], in: $0) })
        }
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
        let bigrams = field == .text || field == .title
        for text in texts {
            for token in MatchTokenizer.tokens(text, bigrams: bigrams) {
                let id = termID(token.term)
                result.counts[id, default: 0] += 1
                if token.kind == .part { result.length += 1 }
            }
        }
        return result
    }

    private mutating func termID(_ term: String) -> Int32 {
        if let id = vocabulary[term] { return id }
        let id = Int32(vocabulary.count)
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
        var postings = Array(repeating: [MatchIndex.Posting](), count: vocabulary.count)
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
        return Built(entries: entries, vocabulary: vocabulary, postings: postings, documentsByPath: documentsByPath)
    }
}
