/// Builds an alert's key and match query without ranking, for speed work: `RunbookBench query` times it, and
/// its dump shows every term of every query so that a change meant to keep queries as they are can be diffed.
///
/// ```swift
/// let key = AlertKey.key(for: alert)
/// let terms = MatchQueryProbe.termCount(for: alert, key: key)
/// ```
public enum MatchQueryProbe {
    /// The number of terms in the query for `alert`, whose `AlertKey.key(for:)` is `key`.
    public static func termCount(for alert: Alert, key: String) -> Int {
        AlertQueryBuilder.query(for: alert, key: key).terms.count
    }

    /// The query for `alert` written out in full: one line per term (its text, kind, weight, field and flags), then
    /// the service scope and the error codes.
    public static func description(for alert: Alert, key: String) -> String {
        let query = AlertQueryBuilder.query(for: alert, key: key)
        var lines = query.terms.map { term in
            [
                term.term, "\(term.kind)", "\(term.weight)", term.field, term.headOnly ? "head" : "all",
                term.isName ? "name" : "-", term.naming ? "naming" : "-", "\(term.evidence)",
                term.related ? "related" : "-", term.parts.joined(separator: "+"),
            ].joined(separator: " | ")
        }
        for chunk in query.scope.chunks {
            lines.append("scope | \(chunk.text) | \(chunk.parts.joined(separator: "+")) | \(chunk.compound ?? "-") | "
                + "\(chunk.isName)")
        }
        for (name, codes) in query.errorCodes.codes.sorted(by: { $0.key < $1.key }) {
            lines.append("code | \(name) | \(codes.sorted().joined(separator: ","))")
        }
        return lines.joined(separator: "\n")
    }
}
