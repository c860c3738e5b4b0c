/// The entry ids nearest to one that does not exist, for error messages that say what was probably meant.
public enum EntryIDSuggestion {
    /// Up to `limit` ids of `ids` nearest to `id`: those sharing its anchor or file first, then by edit distance.
    ///
    /// ```swift
    /// EntryIDSuggestion.nearest(to: "oncall.md#diskfull", in: ids)  // ["oncall.md#disk-full", …]
    /// ```
    public static func nearest(to id: String, in ids: [String], limit: Int = 3) -> [String] {
        let target = Array(id.lowercased().unicodeScalars)
        let anchor = id.split(separator: "#", maxSplits: 1).last.map(String.init) ?? id
        let ranked = ids.map { candidate -> (id: String, rank: Int) in
            let distance = EditDistance.between(target, Array(candidate.lowercased().unicodeScalars))
            let sameAnchor = candidate.hasSuffix("#" + anchor) ? 0 : 1
            return (candidate, sameAnchor * 10_000 + distance)
        }
        return ranked.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }.prefix(limit).map(\.id)
    }
}
