import Foundation

/// The standard roles a part of an entry can play.
public enum PartKind: String, Sendable, Hashable, Codable, CaseIterable {
    case meaning, impact, diagnosis, mitigation, symptoms, causes, resolution, remediation, verification, escalation

    /// Recognises a part label such as `Diagnosis`, `Causes:`, `cause` (any case, optional trailing colon).
    public init?(label: String) {
        var text = label.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasSuffix(":") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        switch text {
        case "meaning": self = .meaning
        case "impact": self = .impact
        case "diagnosis": self = .diagnosis
        case "mitigation": self = .mitigation
        case "symptoms", "symptom": self = .symptoms
        case "cause", "causes", "cause(s)": self = .causes
        case "resolution": self = .resolution
        case "remediation": self = .remediation
        case "verification": self = .verification
        case "escalation": self = .escalation
        default: return nil
        }
    }

    /// The label as written in a runbook, e.g. `Diagnosis`.
    public var label: String {
        rawValue.prefix(1).uppercased() + rawValue.dropFirst()
    }
}

/// A labelled piece of an entry: a part heading or an emphasised label and what follows it.
public struct Part: Sendable, Hashable, Codable {
    public var kind: PartKind
    /// The label as written (`Diagnosis`, `Cause(s)`).
    public var title: String
    /// 1-based line of the label.
    public var line: Int
    /// How the part was written.
    public var style: Style
    /// Plain text of the part (code excluded).
    public var text: String
    /// The part's Markdown source, for rendering.
    public var markdown: String
    /// Commands inside the part.
    public var commands: [Command]

    public enum Style: String, Sendable, Hashable, Codable {
        /// `## Diagnosis`
        case heading
        /// `_Diagnosis_` or `**Diagnosis**` alone on a line.
        case emphasis
        /// `Diagnosis:` at the start of a paragraph.
        case colon
    }

    public init(
        kind: PartKind, title: String, line: Int, style: Style, text: String = "", markdown: String = "",
        commands: [Command] = []
    ) {
        self.kind = kind
        self.title = title
        self.line = line
        self.style = style
        self.text = text
        self.markdown = markdown
        self.commands = commands
    }
}
