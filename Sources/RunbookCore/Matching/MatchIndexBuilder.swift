import Foundation

/// Collects a library's entries and turns them into the postings of a `MatchIndex`.
struct MatchIndexBuilder {
    struct Built {
        var entries: [IndexedEntry]
        var vocabulary: TermTable
        var bigrams: BigramTable
        var postings: [[MatchIndex.Posting]]
        var documentsByPath: [String: [Int]]
        var titleTerms: [Set<String>]
        /// By term id, whether the library writes the term as one word at least as often as two (`gitlab` and
        /// `GitLab`; not `crashloop`, written `CrashLoop` more often than `Crashlooping`).
        var isWord: [Bool]
    }

    /// A parent borrows a child's title and the start of its text: enough to say what the child is about.
    static let childTextLimit = 400
    /// How many levels of descendants a parent borrows from.
    static let childDepthLimit = 2

    private var entries: [IndexedEntry] = []
    private var interner = TermInterner()
    /// The distinct terms of every field of every entry with their counts, back to back: field `f` of entry
    /// `e` spans `fieldEnds[e * fields + f - 1]..<fieldEnds[e * fields + f]`.
    private var fieldTerms: [Int32] = []
    private var fieldFrequencies: [Int32] = []
    private var fieldEnds: [Int] = []
    /// The number of words of each field of each entry, in the same order as `fieldEnds`.
    private var fieldLengths: [Int] = []
    /// Occurrences per term id of the field being counted (zero between fields).
    private var tally: [Int32] = []
    private var documentCount = 0
    private var documentsByPath: [String: [Int]] = [:]
    /// The words of each entry's boiled title (see `MatchIndex.titleTerms`).
    private var titleTerms: [Set<String>] = []

    /// Adds every entry of `document`.
    mutating func add(_ document: Document) {
        let base = entries.count
        var indexByID: [String: Int] = [:]
        for (offset, entry) in document.entries.enumerated() {
            indexByID[entry.id] = base + offset
        }
        let linked = MatchIndexBuilder.linkedDocuments(of: document)
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
            var indexed = IndexedEntry(
                id: entry.id, title: entry.title, file: entry.file, anchor: entry.anchor, document: documentCount,
                parent: entry.parentID.flatMap { indexByID[$0] }, aliases: entry.aliases,
                section: entry.path.count >= 2 ? entry.path.last : nil)
            indexed.readHeadings()
            indexed.linkedDocuments = linked
            indexed.quotedOnly = IndexedEntry.isQuotedOnly(entry.markdown)
            entries.append(indexed)
            titleTerms.append(Set(
                MatchTokenizer.tokens(AlertKey.boil(entry.title)).filter { $0.kind == .part }.map(\.term)))
            let fields = EntryFields(entry: entry, document: document, childText: childText[offset])
            for field in IndexField.allCases {
                count(fields.texts[field] ?? [], in: field)
            }
        }
        markAlertGroups(of: document, base: base)
        documentCount += 1
        let key = MatchIndexBuilder.pathKey(document.file)
        documentsByPath[key, default: []].append(contentsOf: base..<entries.count)
    }

    /// Sets `IndexedEntry.groupsAlertEntries` for the entries of `document`, the last ones added from `base` on.
    private mutating func markAlertGroups(of document: Document, base: Int) {
        var childCount = Array(repeating: 0, count: document.entries.count)
        var keyedChildren = childCount
        for index in base..<entries.count {
            guard let parent = entries[index].parent else { continue }
            childCount[parent - base] += 1
            if entries[index].headingsNameAnAlert { keyedChildren[parent - base] += 1 }
        }
        for (offset, entry) in document.entries.enumerated() where childCount[offset] > 0 {
            let keyed = keyedChildren[offset] == childCount[offset] && !entries[base + offset].headingsNameAnAlert
            entries[base + offset].groupsAlertEntries = keyed && entry.text.allSatisfy(\.isWhitespace)
        }
    }

    /// Appends everything `other` (a builder of the documents that follow this one's) has collected.
    mutating func absorb(_ other: MatchIndexBuilder) {
        let entryBase = entries.count
        let termBase = fieldTerms.count
        let ids = interner.adopt(other.interner)
        entries += other.entries.map { entry in
            var entry = entry
            entry.document += documentCount
            entry.parent = entry.parent.map { $0 + entryBase }
            return entry
        }
        fieldTerms += other.fieldTerms.map { ids[Int($0)] }
        fieldFrequencies += other.fieldFrequencies
        fieldEnds += other.fieldEnds.map { $0 + termBase }
        fieldLengths += other.fieldLengths
        titleTerms += other.titleTerms
        documentCount += other.documentCount
        for (key, indexes) in other.documentsByPath {
            documentsByPath[key, default: []] += indexes.map { $0 + entryBase }
        }
    }

    /// A document path as links name it: lowercased, without `.md`.
    static func pathKey(_ path: String) -> String {
        var key = path.lowercased()
        if key.hasSuffix(".md") { key.removeLast(3) }
        return key
    }

    /// The documents `document` links to by a relative path (`../redis/redis.md#x`), as path keys resolved
    /// against its folder: itself and links out of the library folder left out.
    static func linkedDocuments(of document: Document) -> [String] {
        var found: [String] = []
        let folder = document.file.split(separator: "/").dropLast().map(String.init)
        for link in document.links where !link.isImage && !link.destination.containsBytes("://") {
            var destination = Substring(link.destination)
            if let hash = destination.firstIndex(of: "#") { destination = destination[..<hash] }
            guard destination.lowercased().hasSuffix(".md"), !destination.hasPrefix("/") else { continue }
            var components = folder
            var inside = true
            for component in destination.split(separator: "/") {
                switch component {
                case ".": continue
                case "..": if components.popLast() == nil { inside = false }
                default: components.append(String(component))
                }
            }
            let key = pathKey(components.joined(separator: "/"))
            guard inside, key != pathKey(document.file), !found.contains(key) else { continue }
            found.append(key)
        }
        return found
    }

    /// Appends the distinct terms of `texts` and their counts, as field `field` of the latest entry.
    private mutating func count(_ texts: [String], in field: IndexField) {
        interner.read(texts, bigrams: field == .text || field == .title || field == .overview)
        if tally.count < interner.vocabulary.count {
            tally.append(contentsOf: repeatElement(0, count: interner.vocabulary.count * 2 - tally.count))
        }
        let start = fieldTerms.count
        for term in interner.occurrences {
            if tally[Int(term)] == 0 { fieldTerms.append(term) }
            tally[Int(term)] += 1
        }
        for position in start..<fieldTerms.count {
            let term = Int(fieldTerms[position])
            fieldFrequencies.append(tally[term])
            tally[term] = 0
        }
        fieldEnds.append(fieldTerms.count)
        fieldLengths.append(interner.length)
    }

    /// The key of the bigram of the words `first` and `second`.
    static func bigramKey(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// Computes every posting's BM25 weight, now that the average field lengths are known.
    func build() -> Built {
        let fields = IndexField.allCases
        let entryCount = fieldEnds.count / fields.count
        var averages = Array(repeating: 0.0, count: fields.count)
        for (position, length) in fieldLengths.enumerated() {
            averages[position % fields.count] += Double(length)
        }
        let total = Double(max(entryCount, 1))
        averages = averages.map { max($0 / total, 1) }
        let termCount = interner.vocabulary.count
        var postings = Array(repeating: [MatchIndex.Posting](), count: termCount)
        let k1 = MatchIndex.saturation
        // The entry's posting per term, by position in `merged` (-1 when the entry has not got the term).
        var slots = [Int32](repeating: -1, count: termCount)
        var merged: [MatchIndex.Posting] = []
        var mergedTerms: [Int32] = []
        for entry in 0..<entryCount {
            for field in fields {
                let position = entry * fields.count + field.rawValue
                let length = Double(fieldLengths[position])
                let b = field.lengthNormalisation
                let norm = 1 - b + b * length / averages[field.rawValue]
                let start = position == 0 ? 0 : fieldEnds[position - 1]
                for pair in start..<fieldEnds[position] {
                    let term = Int(fieldTerms[pair])
                    let tf = Double(fieldFrequencies[pair]) / norm
                    let weight = Float(field.weight * tf * (k1 + 1) / (k1 + tf))
                    if slots[term] < 0 {
                        slots[term] = Int32(merged.count)
                        merged.append(MatchIndex.Posting(entry: Int32(entry), head: 0, all: 0, fields: 0))
                        mergedTerms.append(Int32(term))
                    }
                    let slot = Int(slots[term])
                    merged[slot].all += weight
                    if field.isHead { merged[slot].head += weight }
                    merged[slot].fields |= field.bit
                }
            }
            for (posting, term) in zip(merged, mergedTerms) {
                postings[Int(term)].append(posting)
                slots[Int(term)] = -1
            }
            merged.removeAll(keepingCapacity: true)
            mergedTerms.removeAll(keepingCapacity: true)
        }
        return Built(
            entries: entries, vocabulary: interner.vocabulary, bigrams: interner.bigrams, postings: postings,
            documentsByPath: documentsByPath, titleTerms: titleTerms,
            isWord: (0..<termCount).map { term in
                let words = term < interner.wordCounts.count ? interner.wordCounts[term] : 0
                let pairs = term < interner.pairCounts.count ? interner.pairCounts[term] : 0
                return words > 0 && words >= pairs
            })
    }
}
