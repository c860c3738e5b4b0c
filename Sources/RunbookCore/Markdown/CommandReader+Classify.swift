extension CommandReader {
    /// Alert text markers: how a paged alert's title or labels read when pasted into a runbook.
    static let alertMarkers = ["[FIRING:", "[RESOLVED", "[Prometheus]", "alertname=", "alertname:", "[ALERT]"]

    /// What the block holds, judged the way ``command(language:text:line:)`` reads commands.
    ///
    /// A block in a data or program language is `code`; one whose lines read as a paged alert is `alertText`; one
    /// with prompts, or with commands among lines of output, is a `session`; one where no line reads as a command
    /// is `output`; otherwise `commands`. Lint uses it to tell a command block from pasted output.
    ///
    /// ```swift
    /// CommandReader.classify(block: "df -h", language: nil)                               // .commands
    /// CommandReader.classify(block: "Filesystem  Size  Used\n/dev/root  20G  16G", language: nil)  // .output
    /// ```
    public static func classify(block text: String, language: String?) -> BlockKind {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.contains(where: { !$0.trimmingWhitespace().isEmpty }) else { return .empty }
        if let lowered = language?.lowercased(), !shellLanguages.contains(lowered),
           !queryLanguages.contains(lowered), !textLanguages.contains(lowered) {
            return .code
        }
        if lines.contains(where: { line in alertMarkers.contains { line.contains($0) } }) { return .alertText }
        if let lowered = language?.lowercased(), queryLanguages.contains(lowered) { return .commands }
        let session = SessionPrompts(lines)
        var commands = 0
        var output = 0
        for line in lines {
            switch ShellLine.classify(line) {
            case .command: commands += 1
            case .output: output += 1
            case .annotation, .comment, .blank: break
            }
        }
        if session.usesPrompts { return .session }
        if commands == 0 { return .output }
        return output > 0 && lines.contains(where: { ShellLine.isSurelyNotCommand($0.trimmingWhitespace()) })
            ? .session : .commands
    }
}
