/// The rule "binding first, else match": what an alert is matched to when an operator may have chosen for its key.
///
/// - A binding to an entry the library has gives that entry first, with confidence 1.0 and the evidence
///   `chosen by ana on 2026-12-01`; the matcher's other candidates follow.
/// - A binding to none gives no confident match: the matcher's candidates are kept for a person to read, each
///   with confidence 0 and the evidence that an operator said none fits.
/// - A binding to an entry the library no longer has (removed, or renamed so that its id changed) is *stale*: it
///   is never applied to another entry; the alert is matched as if there were no binding, and the outcome says
///   so for the caller to report.
///
/// ```swift
/// let resolved = BindingRule.resolve(binding: binding, entryTitle: { id in library.entry(id)?.title }) {
///     index.match(alert, key: key)
/// }
/// resolved.matches.first  // the bound entry, score 1.0
/// ```
public enum BindingRule {
    /// The confidence of a match an operator chose: above any threshold.
    public static let chosenScore = 1.0
    /// `Evidence.alertField` and `entryField` of the evidence a binding gives.
    public static let evidenceField = "binding"

    /// What the rule did for one alert.
    public enum Outcome: Sendable, Hashable {
        /// No binding for the key: the matcher decided.
        case unbound
        /// The bound entry was given.
        case bound(entryID: String)
        /// An operator said no entry fits.
        case none
        /// The bound entry is not in the library; the matcher decided.
        case stale(entryID: String)
    }

    /// The matches and what the rule did.
    public struct Resolution: Sendable, Hashable {
        public var matches: [Match]
        public var outcome: Outcome
    }

    /// Applies `binding` (nil when the key has none), else `match`.
    ///
    /// `entryTitle` gives the title of an entry id in the current library, nil when it has no such entry.
    public static func resolve(
        binding: Binding?, entryTitle: (String) -> String?, match: () -> [Match]
    ) -> Resolution {
        guard let binding else { return Resolution(matches: match(), outcome: .unbound) }
        let evidence = Evidence(term: binding.chosenBy, alertField: evidenceField, entryField: evidenceField,
                                weight: chosenScore)
        guard let entryID = binding.entryID else {
            let said = Evidence(term: "an operator said no entry fits this key, \(binding.chosenBy)",
                                alertField: evidenceField, entryField: evidenceField, weight: 0)
            let candidates = match().map { candidate in
                Match(entry: candidate.entry, title: candidate.title, score: 0,
                      evidence: [said] + candidate.evidence)
            }
            return Resolution(matches: candidates, outcome: .none)
        }
        guard let title = entryTitle(entryID) else {
            return Resolution(matches: match(), outcome: .stale(entryID: entryID))
        }
        let chosen = Match(entry: entryID, title: title, score: chosenScore, evidence: [evidence])
        let others = match().filter { $0.entry != entryID }
        return Resolution(matches: [chosen] + others, outcome: .bound(entryID: entryID))
    }

    /// The bindings whose entry the library no longer has, in the order given.
    public static func stale(_ bindings: [Binding], entryExists: (String) -> Bool) -> [Binding] {
        bindings.filter { binding in
            binding.entryID.map { !entryExists($0) } ?? false
        }
    }
}
