/// Decodes the HTML character references that runbooks actually use.
enum Entities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "copy": "©",
        "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "rarr": "→", "larr": "←",
        "times": "×", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "bull": "•", "middot": "·", "deg": "°", "zwj": "\u{200D}", "zwnj": "\u{200C}",
    ]

    /// The text for the reference body between `&` and `;` (`amp`, `#39`, `#x27`), nil when not recognised.
    static func decode(_ body: String) -> String? {
        if let text = named[body] { return text }
        guard body.hasPrefix("#") else { return nil }
        let digits = body.dropFirst()
        let value: UInt32?
        if digits.hasPrefix("x") || digits.hasPrefix("X") {
            value = digits.count <= 7 ? UInt32(digits.dropFirst(), radix: 16) : nil
        } else {
            value = digits.count <= 8 ? UInt32(digits) : nil
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return String(Character(scalar))
    }
}
