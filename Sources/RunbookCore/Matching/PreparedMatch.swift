/// What ranking reads of one alert, once read: the entry its runbook link names, and its match query.
///
/// Two alerts whose prepared matches are equal get the same matches from one index, so a caller may rank once per
/// distinct prepared match. A fleet's alerts differ in the words of their hosts, pods and numbers, which the
/// query leaves out (see `AlertQueryBuilder`): their inputs differ, their prepared matches do not. Building one
/// costs a fraction of ranking it.
///
/// ```swift
/// let prepared = index.prepare(alert, key: key)
/// let matches = cache[prepared] ?? index.match(prepared)
/// ```
public struct PreparedMatch: Hashable, Sendable {
    /// The match of the alert's runbook link, when it names an entry of the library.
    let linked: [Match]
    let query: MatchQuery
}

extension MatchQuery: Hashable {
    /// Equal when ranking reads the same: the terms in their order, the scope and the error codes (the term
    /// positions are an index into `terms`).
    static func == (left: MatchQuery, right: MatchQuery) -> Bool {
        left.terms == right.terms && left.scope == right.scope && left.errorCodes == right.errorCodes
    }

    /// Hashes the terms' texts alone: equal queries have equal texts, and hashing every field of every term (its
    /// field name, weight, parts), the scope and the codes cost as much as building the query's terms.
    func hash(into hasher: inout Hasher) {
        hasher.combine(terms.count)
        for term in terms { hasher.combine(term.term) }
    }
}

extension MatchIndex {
    /// Reads what ranking needs of `alert`, whose `AlertKey.key(for:)` is `key`.
    public func prepare(_ alert: Alert, key: String) -> PreparedMatch {
        var query = AlertQueryBuilder.query(for: alert, key: key)
        query.addPrefixTerms { vocabulary.find($0) != nil }
        query.joinWrittenWords { term in
            var term = term
            return term.withUTF8 { vocabulary.find($0) }.map { isWord[Int($0)] } ?? false
        }
        return PreparedMatch(linked: MatchIndex.mayLink(alert) ? linkedMatches(alert) : [], query: query)
    }

    /// `runbookLinkKeys` as a set.
    static let runbookLinkKeySet = Set(runbookLinkKeys)

    /// Whether `alert` has an annotation or label named like a runbook link: when not, `linkedMatches(alert)` is
    /// empty. Looks the alert's few names up instead of every link key in both maps.
    static func mayLink(_ alert: Alert) -> Bool {
        guard alert.annotations.count + alert.labels.count <= 2 * runbookLinkKeys.count else { return true }
        return alert.annotations.keys.contains(where: runbookLinkKeySet.contains)
            || alert.labels.keys.contains(where: runbookLinkKeySet.contains)
    }

    /// Ranks the entries for a prepared alert, best first: the same answer as `match(_:key:limit:)` on the alert.
    public func match(_ prepared: PreparedMatch, limit: Int = 5) -> [Match] {
        guard limit > 0 else { return [] }
        let seen = Set(prepared.linked.map(\.entry))
        let ranked = rank(prepared.query, limit: limit + prepared.linked.count).filter { !seen.contains($0.entry) }
        return Array((prepared.linked + ranked).prefix(limit))
    }
}
