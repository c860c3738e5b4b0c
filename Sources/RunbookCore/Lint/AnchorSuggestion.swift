/// Finds the existing anchor a broken link most likely meant.
enum AnchorSuggestion {
    /// The closest anchor by edit distance, when it is close enough to be a plausible typo or a renamed heading.
    static func closest(to anchor: String, in anchors: Set<String>) -> String? {
        let target = Array(anchor.unicodeScalars)
        var best: (anchor: String, distance: Int)?
        for candidate in anchors.sorted() {
            let distance = EditDistance.between(target, Array(candidate.unicodeScalars))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(3, min(target.count, best.anchor.unicodeScalars.count) / 3)
        return best.distance <= allowed ? best.anchor : nil
    }
}
