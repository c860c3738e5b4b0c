import Foundation

/// Reads and writes durations the way the config file spells them: `90d`, `1h`, `30s`, `1h30m`, `250ms`.
///
/// Parsing never traps: a number too large for a `Duration` (`20000000000w`, four hundred nines) is refused, so
/// a config file, a flag or an API request cannot crash the server with one. Durations are capped at
/// ``maximum`` (100 years), far past any setting or silence length that makes sense.
public enum ConfigDuration {
    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400), ("w", 604_800),
    ]

    /// The longest duration read: 100 years (of 365 days).
    public static let maximum = Duration.seconds(100 * 365 * 86_400)

    /// Why a text is not a duration: it is not written like one, or it is longer than ``maximum``.
    public enum Problem: Error, Sendable, Hashable {
        case malformed
        case tooLong
    }

    /// Parses one or more number–unit pairs; nil when the text is not a duration or is longer than ``maximum``.
    public static func parse(_ text: String) -> Duration? {
        try? parseChecked(text)
    }

    /// Parses one or more number–unit pairs, saying why a text is refused.
    public static func parseChecked(_ text: String) throws(Problem) -> Duration {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        guard !rest.isEmpty else { throw .malformed }
        if rest == "0" { return .zero }
        let limit = Double(maximum.components.seconds)
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { ("0"..."9").contains($0) || $0 == "." }
            guard let value = Double(number) else { throw .malformed }
            guard value.isFinite else { throw .tooLong }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            guard let scale = units.first(where: { $0.suffix == unit })?.seconds else { throw .malformed }
            rest = rest.dropFirst(unit.count)
            total += value * scale
            guard total.isFinite, total <= limit else { throw .tooLong }
        }
        return .milliseconds(Int64((total * 1_000).rounded()))
    }

    /// The shortest spelling `parse` reads back to the same duration, e.g. `90d`, `1h30m`, `0`.
    public static func format(_ duration: Duration) -> String {
        var milliseconds = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        guard milliseconds > 0 else { return "0" }
        var text = ""
        for (suffix, seconds) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] as [(String, Int64)] {
            let size = seconds * 1_000
            if milliseconds >= size {
                text += "\(milliseconds / size)\(suffix)"
                milliseconds %= size
            }
        }
        if milliseconds > 0 { text += "\(milliseconds)ms" }
        return text
    }
}
