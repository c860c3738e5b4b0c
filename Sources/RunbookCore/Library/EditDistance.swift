/// Levenshtein distance, for "did you mean" suggestions of anchors, entry ids and settings.
public enum EditDistance {
    /// The fewest insertions, deletions and substitutions that turn `lhs` into `rhs`.
    ///
    /// ```swift
    /// EditDistance.between(Array("workr".unicodeScalars), Array("worker".unicodeScalars))  // 1
    /// ```
    public static func between(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for (i, left) in lhs.enumerated() {
            current[0] = i + 1
            for (j, right) in rhs.enumerated() {
                let substitution = previous[j] + (left == right ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
