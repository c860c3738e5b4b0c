/// Finds the existing anchor a broken link most likely meant.
enum AnchorSuggestion {
    /// The closest anchor by edit distance, when it is close enough to be a plausible typo or a renamed heading.
    static func closest(to anchor: String, in anchors: Set<String>) -> String? {
        let target = Array(anchor.unicodeScalars)
        var best: (anchor: String, distance: Int)?
        for candidate in anchors.sorted() {
            let distance = editDistance(target, Array(candidate.unicodeScalars))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(3, min(target.count, best.anchor.unicodeScalars.count) / 3)
        return best.distance <= allowed ? best.anchor : nil
    }

    static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
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
