import Foundation

/// Text made safe to write to a terminal.
///
/// Much of what the CLI prints, and of the server's text log, comes from alerts: an incident's key and title, label
/// values filled into an entry, a receiver's error. A sender can put control characters there (`\u001b]0;…` retitles
/// the window, `\u001b[2J` clears it, a carriage return hides what came before it on the line), and people read the
/// output in a terminal. So every line the CLI prints goes through `printable(_:)`, and each value of a text log line
/// through `singleLine(_:)`: control characters are shown as the Unicode picture of each (`␛` for ESC, `␍` for a
/// carriage return), and C1 controls and the marks that reorder text right-to-left (`U+202E`) as `�`. `printable`
/// keeps line breaks and tabs, so that tables and entries print as they are.
///
/// ```swift
/// TerminalText.printable("disk\u{1B}[2J full")   // "disk␛[2J full"
/// ```
public enum TerminalText {
    /// `text` with every character a terminal would act on instead of showing replaced by one it shows.
    public static func printable(_ text: String) -> String {
        shown(text, keepingLineBreaks: true)
    }

    /// `printable(_:)`, with line breaks and tabs shown as symbols too (`␊`, `␉`): one value of a one-line record,
    /// which a line break in an alert's text must not split into a second, forged record.
    public static func singleLine(_ text: String) -> String {
        shown(text, keepingLineBreaks: false)
    }

    /// `text` in one pass, with line breaks and tabs kept or shown as symbols.
    private static func shown(_ text: String, keepingLineBreaks: Bool) -> String {
        // Most text is printable ASCII (with line breaks, where they are kept): returned as it is, without a copy.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || (keepingLineBreaks && ($0 == 0x0A || $0 == 0x09)) }) {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepingLineBreaks, 0x09 where keepingLineBreaks:
                out.append(scalar)
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                out.append("\u{FFFD}")
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }
}

extension TerminalText {
    /// JSON text with what `printable(_:)` replaces written as `\u` escapes instead: the same JSON, read the same by
    /// any parser, shown by a terminal rather than acted on. JSON escapes control characters under 0x20 itself; DEL,
    /// C1 controls and the marks that reorder text it may write as they are, and they can only be inside strings.
    public static func jsonEscaped(_ json: Data) -> Data {
        guard json.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return json }
        var out = Data()
        out.reserveCapacity(json.count)
        var index = json.startIndex
        while index < json.endIndex {
            let byte = json[index]
            let next = index + 1 < json.endIndex ? json[index + 1] : 0
            let third = index + 2 < json.endIndex ? json[index + 2] : 0
            if byte == 0x7F {
                out.append(contentsOf: Array("\\u007f".utf8))
                index += 1
            } else if byte == 0xC2, (0x80..<0xA0).contains(next) {
                // U+0080–U+009F, written C2 80–C2 9F.
                out.append(contentsOf: Array(String(format: "\\u%04x", Int(next)).utf8))
                index += 2
            } else if byte == 0xE2, Self.reordersText(next, third) {
                // U+202A–U+202E (E2 80 AA–AE) and U+2066–U+2069 (E2 81 A6–A9).
                let high = (Int(next) & 0x3F) << 6
                let scalar = 0x2000 + high + (Int(third) & 0x3F)
                out.append(contentsOf: Array(String(format: "\\u%04x", scalar).utf8))
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    /// Whether E2 `second` `third` is one of the marks that reorder text (U+202A–U+202E, U+2066–U+2069).
    private static func reordersText(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third))
    }
}
