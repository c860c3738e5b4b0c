import Foundation

extension CommandReader {
    /// Alert text markers: how a paged alert's title or labels read when pasted into a runbook.
    static let alertMarkers = ["[FIRING:", "[RESOLVED", "[Prometheus]", "alertname=", "alertname:", "[ALERT]"]

    /// A line that starts with a date, a time or a syslog stamp (`2024-05-01`, `12:03:44`, `May  1 12:03:44`).
    /// Compiled once: `range(of:options: .regularExpression)` compiles its pattern on every call.
    private static let timestampStart = Pattern(
        #"^\d{4}-\d{2}-\d{2}|^\d{1,2}:\d{2}:\d{2}|^[A-Z][a-z]{2} +\d{1,2} \d{2}:"#)

    /// Columns lined up with three or more spaces.
    private static let alignedColumns = Pattern(#"\S {3,}\S"#)

    private static let logLevels: Set<String> = [
        "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL", "ALERT", "PANIC",
    ]

    /// What a fenced block holds: the one answer lint and the command reader both act on.
    ///
    /// ``command(language:text:line:)`` reads commands from `.commands` and `.session` blocks only, and lint's
    /// `code-language` check suggests `console`, `bash` or a data language from the same answer, so an example alert
    /// or a log excerpt is never run by one and offered as a shell by the other.
    ///
    /// - A data or program language (`yaml`, `json`, `python`…) is `code`; a query language is `commands`.
    /// - Prompts (`$ `, `root@host:~# `, `postgres=# `…) make a `session`, in a shell or text block or one without
    ///   a language.
    /// - Without a language, or in a `text` block, a paged alert (`[FIRING:1] …`, `alertname=…`) is `alertText`;
    ///   a `text` block without prompts, and a block whose first line is not shaped like a command (quoted text,
    ///   JSON, `Key: value`, a timestamp or log level, aligned columns), is `output`.
    /// - Otherwise, a block where no line reads as a command and every line is surely output is `output`; one
    ///   with commands among lines that are surely output (a systemd status, rows of figures) is a `session`;
    ///   the rest is `commands`.
    ///
    /// ```swift
    /// CommandReader.classify(block: "df -h", language: nil)                               // .commands
    /// CommandReader.classify(block: "Filesystem  Size  Used\n/dev/root  20G  16G", language: nil)  // .output
    /// ```
    public static func classify(block text: String, language: String?) -> BlockKind {
        let lines = text.asciiSplit("\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.contains(where: { !$0.trimmingWhitespace().isEmpty }) else { return .empty }
        let lowered = language?.lowercased()
        if let lowered, !shellLanguages.contains(lowered), !queryLanguages.contains(lowered),
           !textLanguages.contains(lowered) {
            return .code
        }
        if let lowered, queryLanguages.contains(lowered) { return .commands }
        if SessionPrompts(lines).usesPrompts { return .session }
        let first = lines.lazy.map { $0.trimmingWhitespace() }.first { !$0.isEmpty && !$0.hasPrefix("#") }
        if lowered == nil || textLanguages.contains(lowered ?? "") {
            let firstIsCommand = first.map(ShellLine.looksLikeCommand) ?? false
            if !firstIsCommand, lines.contains(where: { line in alertMarkers.contains { line.containsBytes($0) } }) {
                return .alertText
            }
            guard lowered == nil, let first, startsLikeCommand(first) else { return .output }
        }
        var commands = 0
        var output = 0
        var surelyOutput = 0
        for line in lines {
            switch ShellLine.classify(line) {
            case .command: commands += 1
            case .output:
                output += 1
                if ShellLine.isSurelyNotCommand(line.trimmingWhitespace()) { surelyOutput += 1 }
            case .annotation, .comment, .blank: break
            }
        }
        if commands == 0 { return output > 0 && output == surelyOutput ? .output : .commands }
        let remarks = lines.contains { ShellLine.isSurelyNotCommand($0.trimmingWhitespace()) }
        return output > 0 && remarks ? .session : .commands
    }

    /// Whether a block's first line is shaped like a shell command rather than an alert, a log line, output or data.
    ///
    /// Broader than ``ShellLine/looksLikeCommand(_:)``: a tool it does not know (`./manage.py`, `runbook-ctl`) is
    /// still a command. Not commands: quoted text, JSON or XML, bracketed prefixes (`[FIRING:1]`,
    /// `[2024-05-01 …]`; a `[ … ]` test is a command), timestamps, log levels, `Key: value` output, columns aligned
    /// with spaces and rules of dashes.
    static func startsLikeCommand(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        guard let first = text.first else { return false }
        if "\"'{<|=-+*".contains(first) { return false }
        if first == "[" { return text.hasPrefix("[ ") || text.hasPrefix("[[ ") }
        if timestampStart.isFound(in: text) { return false }
        let word = text.prefix { !$0.isWhitespace }
        if word.hasSuffix(":") || logLevels.contains(word.trimmingCharacters(in: CharacterSet(charactersIn: ":[]"))) {
            return false
        }
        if text.hasPrefix("Traceback (") { return false }
        // Columns lined up with runs of spaces are a table someone pasted (`free -h`, `kubectl get pods`).
        let quoted = text.contains { "\"'`".contains($0) }
        if !quoted, alignedColumns.isFound(in: text) { return false }
        return word.allSatisfy { char in
            char.isLetter || char.isNumber || "_./~$@%+=:,-{}<>()\\".contains(char)
        }
    }
}
