import ArgumentParser
import RunbookCore

/// Finds an entry by id, by id without a folder prefix, or by a unique anchor; suggests near ids otherwise.
struct EntryLookup {
    var entries: [Entry]

    func find(_ query: String) throws -> Entry {
        if let exact = entries.first(where: { $0.id == query }) { return exact }
        let bySuffix = entries.filter { $0.id.hasSuffix("/" + query) || $0.anchor == query.trimmingPrefix("#") }
        if bySuffix.count == 1 { return bySuffix[0] }
        if bySuffix.count > 1 {
            let ids = bySuffix.prefix(10).map(\.id).joined(separator: ", ")
            throw ValidationError("'\(query)' names \(bySuffix.count) entries: \(ids); give the full id")
        }
        let words = query.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        var near = entries.filter { entry in
            let id = entry.id.lowercased()
            return !words.isEmpty && words.allSatisfy { id.contains($0) }
        }
        if near.isEmpty { near = nearest(to: query) }
        var message = "no entry has the id '\(query)'"
        if !near.isEmpty {
            message += "; did you mean: " + near.prefix(5).map(\.id).joined(separator: ", ")
        }
        message += " (list them with `runbook entries`)"
        throw ValidationError(message)
    }
}

extension EntryLookup {
    /// The entries whose id (or anchor, when the query has no file) is a few edits from the query, nearest first:
    /// what a typo most likely meant.
    func nearest(to query: String, limit: Int = 3) -> [Entry] {
        let wanted = Array(query.lowercased().unicodeScalars)
        let byAnchor = !query.contains("#") || query.hasPrefix("#")
        let anchorWanted = byAnchor ? Array(query.lowercased().trimmingPrefix("#").unicodeScalars) : wanted
        let scored = entries.map { entry -> (entry: Entry, distance: Int) in
            let candidate = byAnchor ? entry.anchor.lowercased() : entry.id.lowercased()
            return (entry, EditDistance.between(anchorWanted, Array(candidate.unicodeScalars)))
        }
        let allowed = max(2, wanted.count / 4)
        return scored.filter { $0.distance <= allowed }
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.entry.id < $1.entry.id }
            .prefix(limit).map(\.entry)
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
