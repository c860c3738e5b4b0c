import Foundation

extension MatchIndex {
    /// Annotations and labels that may hold a link to the alert's runbook.
    static let runbookLinkKeys = ["runbook_url", "runbook", "runbookurl", "runbook_link"]

    /// The entry a `runbook_url` (or `runbook`) annotation or label points at, as a near-certain match.
    func linkedMatches(_ alert: Alert) -> [Match] {
        for key in MatchIndex.runbookLinkKeys {
            for value in [alert.annotations[key], alert.labels[key]].compactMap({ $0 }) {
                guard let target = resolve(link: value) else { continue }
                let evidence = Evidence(term: value, alertField: key, entryField: target.field, weight: 1)
                return [Match(
                    entry: entries[target.entry].id, title: entries[target.entry].title,
                    score: target.exact ? 0.99 : 0.95, evidence: [evidence])]
            }
        }
        return []
    }

    /// The entry a link names and the part of the link that named it; nil when it points outside the library.
    ///
    /// A link without an anchor names the document's first entry; one whose anchor is unknown, too, but
    /// not exactly. Tolerates absolute URLs (`https://github.com/org/repo/blob/main/docs/x.md#y`, a published site
    /// without `.md`) and relative paths: the document is the one whose path shares the longest tail with
    /// the link's path, case-insensitively.
    func resolve(link: String) -> (entry: Int, field: String, exact: Bool)? {
        var text = link.trimmingCharacters(in: .whitespaces)
        var anchor: String?
        if let hash = text.firstIndex(of: "#") {
            anchor = String(text[text.index(after: hash)...]).lowercased()
            text = String(text[..<hash])
        }
        if let question = text.firstIndex(of: "?") { text = String(text[..<question]) }
        if let scheme = text.firstRange(ofBytes: "://") {
            let afterScheme = text[scheme.upperBound...]
            text = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? ""
        }
        var components = text.lowercased().split(separator: "/").map(String.init).filter { $0 != "." && $0 != ".." }
        guard var last = components.popLast() else { return nil }
        if last.hasSuffix(".md") { last.removeLast(3) }
        components.append(last)
        let document = bestDocument(components) ?? bestDocument(components + ["readme"])
        guard let document, let entriesOfDocument = documentsByPath[document], let first = entriesOfDocument.first
        else { return nil }
        if let anchor, !anchor.isEmpty {
            if let hit = entriesOfDocument.first(where: { entries[$0].anchor.lowercased() == anchor }) {
                return (hit, "anchor", true)
            }
            return (first, "file", false)
        }
        return (first, "file", true)
    }

    /// The document key sharing the longest tail with `components` (at least the file name).
    private func bestDocument(_ components: [String]) -> String? {
        guard let stem = components.last, let candidates = documentsByStem[stem] else { return nil }
        var best: (key: String, shared: Int)?
        for key in candidates {
            let keyComponents = key.split(separator: "/")
            var shared = 0
            while shared < min(keyComponents.count, components.count),
                  keyComponents[keyComponents.count - 1 - shared] == components[components.count - 1 - shared] {
                shared += 1
            }
            if let current = best, current.shared > shared || (current.shared == shared && current.key <= key) {
                continue
            }
            best = (key, shared)
        }
        return best?.key
    }
}
