import Foundation

/// Turns the evidence behind one ranked entry into a confidence in [0, 1].
///
/// A logistic function of a few explainable features, none fitted to particular alerts:
/// - `coverage`: the share of the query's distinctive (idf-weighted) mass the entry explains, anywhere in
///   it. Words no entry has count against it in full: an alert about something the library never mentions
///   leaves its rarest words unexplained.
/// - `nameHit`: the alert's name, or an identifier it quotes, kept whole, is in the entry's title or
///   document name.
/// - `margin`: how far the entry is ahead of the best entry of another document (negative below the first).
/// - `strength`: the score relative to what a query whose every word hit a title would get.
struct MatchConfidence: Sendable, Hashable {
    var coverage: Double
    var nameHit: Bool
    var margin: Double
    var strength: Double

    var value: Double {
        let z = -3.9
            + 5.0 * coverage
            + 3.0 * (nameHit ? 1 : 0)
            + 1.5 * margin
            + 2.5 * min(strength, 1)
        return 1 / (1 + exp(-z))
    }
}
