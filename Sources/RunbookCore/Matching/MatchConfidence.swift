import Foundation

/// Turns the evidence behind one ranked entry into a confidence in [0, 1].
///
/// A logistic function of four explainable features, with round weights set by what each feature means
/// (checked against alerts generated from the libraries themselves, see `bench/README.md`), not fitted to
/// particular alerts:
/// - `coverage`: the share of the query's evidential (idf-weighted) mass the entry explains, anywhere in it.
///   Words that name the alert count against an entry that lacks them even when no entry has them; words of
///   running text that no entry has carry no evidence. A long text explains a smaller share by chance alone
///   (the share an unrelated entry explains varies as one over the square root of the number of words), so
///   the share is scaled up by `√(words / 8)`, at most twice, for texts longer than a name. The answer whose
///   runner-up is its own ancestor is read with that ancestor (see `MatchIndex.explainedInContext`).
/// - `naming`: the share of the mass of the words that name the alert (its name, key or short title) found
///   in the entry's titles, document name or ancestors' titles; absent for a message without a name. A
///   runbook entry is named after what it answers, so an entry missing the alert's rarest naming word (the
///   service, the component) is most likely about something else.
/// - `nameHit`: the alert's name, or an identifier it quotes, kept whole, is in the entry's title or
///   document name.
/// - `titleShare`: the share (idf-weighted) of the entry's own title words that the alert has. A heading says
///   what its section answers, so an alert that states the whole heading ("Controlling Aurora jobs via the
///   CLI" for a question on killing an Aurora job from the command line) is most likely answered by it, however
///   many other words it carries; one that states little of it is not, however much of the alert the section's
///   body explains.
/// - `margin`: how far the entry is ahead of its best rival (an entry of another document that is not the
///   same section kept twice), relative to its own score; negative below the first.
///   An alert of one or two words that ties with a rival is not confident (`isBareTie`).
///
/// A message without a name (`naming` absent: a chat line, a description) is answered right less often than an
/// alert at the same sum. Over the development and held-out sets, such answers at 0.97 and over were right
/// 83–85 % of the time where named alerts' were right 96–97 %. Above the threshold its value is drawn towards the
/// threshold (`unnamedShare`), so that it reads as how often such an answer is right and the threshold still takes
/// the same answers (`bench/README.md`, "Confidence of messages without a name" and "messages without a name drawn
/// halfway to the threshold"). An answer to a named alert whose entry does not hold the name whole (`nameHit` false)
/// is drawn towards the threshold too, by scaling its sum (`nameNotHeldScale`): such answers were right about two
/// times in three anywhere from 0.5 to 0.9.
struct MatchConfidence: Sendable, Hashable {
    var coverage: Double
    var naming: Double?
    var nameHit: Bool
    var margin: Double
    /// The number of distinct evidential words in the query.
    var words: Int
    var titleShare: Double = 0.5

    /// An alert of one or two words that another document's entry explains exactly as well: nothing tells the two
    /// apart (`are shards` for three runbooks titled with shards), so the answer is a guess, whatever its
    /// coverage. A longer alert that ties still has words that chose both entries.
    var isBareTie: Bool {
        words <= 2 && margin < 0.01
    }

    /// What a bare tie takes off the logistic's sum: enough to keep a full-coverage answer under the threshold.
    static let bareTie = 5.0

    /// Coverage, scaled for the length of the query.
    var scaledCoverage: Double {
        let scale = min(max((Double(words) / 8).squareRoot(), 1), 2)
        return min(coverage * scale, 1)
    }

    var value: Double {
        let z = -5.0
            + 8.0 * scaledCoverage
            + 3.0 * ((naming ?? 0.5) - 0.5)
            + 2.0 * (nameHit ? 1 : 0)
            + 3.0 * max(margin, 0)
            + 4.0 * max(titleShare - 0.6, 0)
        let sum = z - (isBareTie ? MatchConfidence.bareTie : 0)
        let raw = 1 / (1 + exp(-sum))
        // A message without a name that clears the threshold is right less often than its sum says (see the type's
        // documentation): above the threshold its confidence is drawn towards it, so that the threshold still decides
        // the same answers and the value reads as how often such answers are right.
        let threshold = MatchIndex.defaultThreshold
        guard raw > threshold else { return raw }
        if naming == nil { return threshold + (raw - threshold) * MatchConfidence.unnamedShare }
        // A named alert whose name the entry does not hold whole: the same, by scaling the sum (the threshold, 0.5,
        // is where the sum is 0, so it still takes the same answers).
        if !nameHit { return 1 / (1 + exp(-sum * MatchConfidence.nameNotHeldScale)) }
        return raw
    }

    /// How much of its height above the threshold a message without a name keeps, so at most 0.75. Over the 1,118
    /// confident answers to such messages among the 2,832 tuned cases, the shown value then differs from the share
    /// right in its bucket by 0.040 on average (0.099 at 0.7, the share before), and by 0.043 over the 159 of sets 40
    /// to 45 scored blind on this matcher (0.117 at 0.7). Those at 0.7 to 0.75 were right 73–74 % of the time.
    static let unnamedShare = 0.5

    /// How much of its sum an answer to a named alert keeps above the threshold when the entry does not hold the
    /// alert's name whole (`nameHit` false). Among the 2,832 tuned cases such answers between 0.5 and 0.9 were
    /// right 61–69 % of the time whatever their value, against 87–95 % from 0.9 up; with the name held, 385 of 385
    /// answers from 0.98 up were right. Scaling the sum by 0.6 (temperature scaling) brought the Brier score of the
    /// 398 confident answers without the name from 0.147 to 0.140, and of the 32 in sets 40 to 45 (scored blind on
    /// this matcher) from 0.224 to 0.199 (`bench/README.md`, "named alerts whose name the entry does not hold").
    static let nameNotHeldScale = 0.6
}
