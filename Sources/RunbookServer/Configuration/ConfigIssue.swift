/// One problem with a configuration: which setting, where it was written, and what is wrong.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// Whether the problem stops the server from starting.
    public enum Severity: String, Sendable, Equatable {
        case error
        case warning
    }

    public var severity: Severity
    /// The setting's file key (`log.format`), the variable (`RUNBOOK_LOG_FORMAT`) or the flag it was given as.
    public var key: String
    /// The layer the value came from.
    public var layer: ConfigLayer
    /// The 1-based line in the config file, when the value came from a file.
    public var line: Int?
    /// What is wrong and how to fix it.
    public var message: String

    /// An issue from its parts.
    public init(severity: Severity = .error, key: String, layer: ConfigLayer, line: Int? = nil, message: String) {
        self.severity = severity
        self.key = key
        self.layer = layer
        self.line = line
        self.message = message
    }

    /// `line 12: retention.age: …` for the file, `RUNBOOK_LOG_LEVEL: …` for the environment.
    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        return "\(place)\(severity): \(key): \(message)"
    }
}
