import Foundation

/// A part written inside a paragraph: `_Diagnosis_` alone on a line, or `Diagnosis:` starting the paragraph.
struct PartLabel: Sendable, Hashable {
    var kind: PartKind
    /// The label as written, without emphasis markers or colon (`Diagnosis`, `Cause(s)`).
    var title: String
    var style: Part.Style
    /// Text after the label on the same line (`Diagnosis: check the disk` → `check the disk`).
    var remainder: String

    /// The label at the start of a paragraph's first line, if any.
    init?(line: String) {
        let text = line.trimmingWhitespace()
        if let emphasised = PartLabel.emphasised(text) {
            self = emphasised
            return
        }
        guard let colon = text.firstIndex(of: ":"), let kind = PartKind(label: String(text[..<colon])) else {
            return nil
        }
        self.init(kind: kind, title: text[..<colon].trimmingWhitespace(), style: .colon,
                  remainder: text[text.index(after: colon)...].trimmingWhitespace())
    }

    private init(kind: PartKind, title: String, style: Part.Style, remainder: String) {
        self.kind = kind
        self.title = title
        self.style = style
        self.remainder = remainder
    }

    /// `_Diagnosis_`, `**Mitigation**`, `**Mitigation:**`, `*Diagnosis*:`, and `**Diagnosis:** text`.
    private static func emphasised(_ text: String) -> PartLabel? {
        for marker in ["**", "__", "*", "_"] where text.hasPrefix(marker) {
            let body = text.dropFirst(marker.count)
            guard let close = body.firstRange(ofBytes: marker) else { return nil }
            let inner = body[..<close.lowerBound]
            guard let kind = PartKind(label: String(inner)) else { return nil }
            var rest = body[close.upperBound...].trimmingWhitespace()[...]
            let colonOutside = rest.first == ":"
            if colonOutside { rest = rest.dropFirst() }
            let remainder = rest.trimmingWhitespace()
            let title = inner.trimmingWhitespace()
            let colon = colonOutside || title.hasSuffix(":")
            if remainder.isEmpty {
                return PartLabel(kind: kind, title: PartLabel.dropColon(title), style: .emphasis, remainder: "")
            }
            guard colon else { return nil }
            return PartLabel(kind: kind, title: PartLabel.dropColon(title), style: .colon, remainder: remainder)
        }
        return nil
    }

    private static func dropColon(_ title: String) -> String {
        title.hasSuffix(":") ? String(title.dropLast()).trimmingWhitespace() : title
    }
}
