import Foundation

/// A compiled regular expression with helpers that speak `String` instead of `NSRange`.
struct Pattern: Sendable {
    private let expression: NSRegularExpression

    /// Compiles a pattern known to be valid at build time.
    init(_ pattern: String, caseInsensitive: Bool = false) {
        // The patterns are literals in this module; an invalid one is a programming error caught by tests.
        expression = try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// Every match, as the text of the whole match and of each capture group (empty when a group did not take part).
    func matches(in text: String) -> [[String]] {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.matches(in: text, range: range).map { result in
            (0..<result.numberOfRanges).map { index in
                Range(result.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    func isFound(in text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
    }

    /// The text of the first match, if any.
    func firstMatch(in text: String) -> String? {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = expression.firstMatch(in: text, range: range) else { return nil }
        return Range(match.range, in: text).map { String(text[$0]) }
    }
}
