import Foundation

/// Reads and writes sizes the way the config file spells them: `1MiB`, `512KiB`, `2MB`, `1048576`.
public enum ByteSize {
    private static let units: [(suffix: String, bytes: Int)] = [
        ("", 1), ("b", 1),
        ("k", 1_000), ("kb", 1_000), ("kib", 1 << 10),
        ("m", 1_000_000), ("mb", 1_000_000), ("mib", 1 << 20),
        ("g", 1_000_000_000), ("gb", 1_000_000_000), ("gib", 1 << 30),
    ]

    /// Parses a whole number of bytes with an optional decimal (`MB`) or binary (`MiB`) unit.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        guard let value = Int(digits), let scale = units.first(where: { $0.suffix == unit })?.bytes else {
            return nil
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    /// The largest binary unit that divides the size exactly, e.g. `1MiB`, `1536KiB`, `100B`.
    public static func format(_ bytes: Int) -> String {
        for (suffix, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size {
            if bytes % size == 0 { return "\(bytes / size)\(suffix)" }
        }
        return "\(bytes)B"
    }
}
