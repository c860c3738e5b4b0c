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
        let near = entries.filter { entry in
            let id = entry.id.lowercased()
            return !words.isEmpty && words.allSatisfy { id.contains($0) }
        }
        var message = "no entry has the id '\(query)'"
        if !near.isEmpty {
            message += "; did you mean: " + near.prefix(5).map(\.id).joined(separator: ", ")
        }
        message += " (list them with `runbook entries`)"
        throw ValidationError(message)
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
