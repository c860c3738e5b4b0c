/// A variable part of a command or heading, to be filled from an alert's labels.
public struct Placeholder: Sendable, Hashable, Codable {
    /// The name inside the syntax: `ENVIRONMENT`, `task_type`, `pod`.
    public var name: String
    /// The placeholder exactly as written: `<ENVIRONMENT>`, `${task_type}`, `{{ .Labels.pod }}`.
    public var raw: String
    public var syntax: Syntax

    public enum Syntax: String, Sendable, Hashable, Codable {
        /// `<ENVIRONMENT>`
        case angle
        /// `${task_type}`
        case braced
        /// `$NAMESPACE`
        case dollar
        /// `{{ .Labels.pod }}` or `{{ $labels.pod }}`
        case template
    }

    public init(name: String, raw: String, syntax: Syntax) {
        self.name = name
        self.raw = raw
        self.syntax = syntax
    }
}
