import Foundation

/// What a fenced block without a language shows: commands to run, a pasted terminal session, or text that is only
/// read (an alert as it arrived, a log line, program output, a data document).
///
/// The command reader takes `.commands` and `.session` blocks as commands and leaves `.output` alone; lint asks the
/// same question before it suggests a language, so both tell an example alert from a command the same way.
/// ```swift
/// CodeBlockContent.classify("\"[Prometheus]: [FIRING:1] DiskUsageWarning\"")  // .output
/// CodeBlockContent.classify("ssh -l me salt-qa.example.com")                  // .commands
/// ```
public enum CodeBlockContent: String, Sendable, Hashable {
    /// Lines to run as they are.
    case commands
    /// A terminal session: prompts followed by commands, and their output.
    case session
    /// Something to read, not to run.
    case output

    private static let logLevels: Set<String> = [
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL", "ALERT", "PANIC",
    ]

    /// Classifies a block by its first line that is neither blank nor a `#` comment.
    public static func classify(_ text: String) -> CodeBlockContent {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if SessionPrompts(lines).usesPrompts { return .session }
        let first = lines.lazy.map { $0.trimmingWhitespace() }.first { !$0.isEmpty && !$0.hasPrefix("#") }
        guard let first else { return .output }
        return isCommandLine(first) ? .commands : .output
    }

    /// Whether a line reads as a shell command rather than an alert, a log line, output or data.
    ///
    /// Not commands: quoted text, JSON or XML, bracketed prefixes (`[FIRING:1]`, `[2024-05-01 …]`; a `[ … ]` test
    /// is a command), timestamps, log levels, `Key: value` output, columns aligned with spaces and rules of dashes.
    public static func isCommandLine(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        guard let first = text.first else { return false }
        if "\"'{<|=-+*".contains(first) { return false }
        if first == "[" { return text.hasPrefix("[ ") || text.hasPrefix("[[ ") }
        if text.range(of: #"^\d{4}-\d{2}-\d{2}|^\d{1,2}:\d{2}:\d{2}|^[A-Z][a-z]{2} +\d{1,2} \d{2}:"#,
                      options: .regularExpression) != nil {
            return false
        }
        let word = text.prefix { !$0.isWhitespace }
        if word.hasSuffix(":") || logLevels.contains(word.trimmingCharacters(in: CharacterSet(charactersIn: ":[]"))) {
            return false
        }
        if text.hasPrefix("Traceback (") { return false }
        // Columns lined up with runs of spaces are a table someone pasted (`free -h`, `kubectl get pods`).
        let quoted = text.contains { "\"'`".contains($0) }
        if !quoted, text.range(of: #"\S {3,}\S"#, options: .regularExpression) != nil { return false }
        return word.allSatisfy { char in
            char.isLetter || char.isNumber || "_./~$@%+=:,-{}<>()\\".contains(char)
        }
    }
}
