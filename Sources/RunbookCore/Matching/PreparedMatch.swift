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

    func hash(into hasher: inout Hasher) {
        hasher.combine(terms)
        hasher.combine(scope)
        hasher.combine(errorCodes)
    }
}

extension MatchIndex {
    /// Reads what ranking needs of `alert`, whose `AlertKey.key(for:)` is `key`.
    public func prepare(_ alert: Alert, key: String) -> PreparedMatch {
        PreparedMatch(linked: linkedMatches(alert), query: AlertQueryBuilder.query(for: alert, key: key))
    }

    /// Ranks the entries for a prepared alert, best first: the same answer as `match(_:key:limit:)` on the alert.
    public func match(_ prepared: PreparedMatch, limit: Int = 5) -> [Match] {
        guard limit > 0 else { return [] }
        let seen = Set(prepared.linked.map(\.entry))
        let ranked = rank(prepared.query, limit: limit + prepared.linked.count).filter { !seen.contains($0.entry) }
        return Array((prepared.linked + ranked).prefix(limit))
    }
}
