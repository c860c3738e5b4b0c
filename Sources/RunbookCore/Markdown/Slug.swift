/// GitHub's heading slug, as github-slugger computes it.
///
/// The text is lowercased; every character other than a letter, a mark, a digit, a connector (`_`), a space or
/// `-` is dropped; each space becomes `-`. Runs of `-` are kept and nothing is trimmed. Repeats in one document
/// get `-1`, `-2`… from ``AnchorCounter``, not from here.
///
/// ```swift
/// Slug.github("Alerts / Monitoring")  // "alerts--monitoring"
/// ```
public enum Slug {
    /// The slug of a heading's plain text, without a repeat suffix.
    public static func github(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                scalars.append("-")
            } else if scalar == "-" || keeps(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation:
            return true
        default:
            return false
        }
    }
}
