/// How log lines are written: one JSON object per line, or plain text for a person at a terminal.
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
    case json
    case text
}

/// The configured log format; `auto` picks text when standard error is a terminal, else JSON.
public enum LogFormatChoice: String, Sendable, Equatable, CaseIterable {
    case auto
    case json
    case text

    /// The format to use, given whether standard error is a terminal.
    public func resolved(standardErrorIsTerminal: Bool) -> LogFormat {
        switch self {
        case .auto: standardErrorIsTerminal ? .text : .json
        case .json: .json
        case .text: .text
        }
    }
}
