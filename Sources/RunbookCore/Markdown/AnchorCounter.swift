/// Hands out unique anchors within one document, the way github-slugger does.
///
/// A slug seen before gets `-1`, `-2`… appended, skipping any suffixed form that is itself already taken.
struct AnchorCounter: Sendable {
    private var occurrences: [String: Int] = [:]

    /// The unique anchor for `slug`, recording it as used.
    mutating func anchor(for slug: String) -> String {
        var candidate = slug
        while occurrences[candidate] != nil {
            let count = (occurrences[slug] ?? 0) + 1
            occurrences[slug] = count
            candidate = "\(slug)-\(count)"
        }
        occurrences[candidate] = 0
        return candidate
    }
}
