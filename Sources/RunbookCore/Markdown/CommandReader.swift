import Foundation

/// Decides which code blocks are commands and which of their lines are to be run.
///
/// Which blocks hold commands is ``classify(block:language:)``'s answer, the one lint uses too. Languages taken as
/// commands: none at all (unless the block is an alert, a log, output or data), the
/// shell family (`sh`, `bash`, `shell`, `console`, `zsh`, `fish`,
/// `ksh`, `shell-session`, `terminal`, PowerShell and `cmd`), and query languages an operator pastes into a
/// console (`sql`, `psql`, `mysql`, `postgresql`, `promql`, `logql`), which keep their language. `text`, `txt`
/// and `plaintext` blocks count only when they hold a pasted session with prompts; data and program languages
/// (`yaml`, `json`, `python`, `ruby`…) never do.
///
/// In a pasted session (`root@host:~# cmd`, `user@ip-10-1-3-33:~$ cmd`, `[user@host dir]$ cmd`, `$ cmd`,
/// `postgres=# select…`, `mysql> …`, `PS C:\> …`) the lines to run are what follows each prompt, and the
/// prompt-less lines that read as commands (a `sudo ssh …` pasted before the session: see ``ShellLine``); `>` lines
/// right after a prompt continue it; everything else is output. A bare `# cmd` counts as a root prompt only in a
/// session whose other prompts are all root prompts (otherwise `#` starts a comment). A block without prompts
/// runs every non-empty line that is not a comment, surely output (rows of figures, a systemd status) or a remark.
/// Trailing annotations (`<<<<<<<< offender`, `# <-- this`) are cut from every command. Lines ending in `\` are
/// joined with the next, and a here-document stays with the command that opens it. SQL statements run to their
/// `;`, and a PromQL or LogQL block is one query.
public enum CommandReader {
    static let shellLanguages: Set<String> = [
        "sh", "bash", "shell", "console", "zsh", "fish", "ksh", "shell-session", "shellsession", "sh-session",
        "bash-session", "terminal", "command", "commands", "cmd", "bat", "batch", "powershell", "ps1", "pwsh", "posh",
    ]
    static let queryLanguages: Set<String> = ["sql", "psql", "mysql", "postgresql", "pgsql", "promql", "logql"]
    static let textLanguages: Set<String> = ["text", "txt", "plaintext", "plain", "output", "none"]

    /// The command for a fenced block, or nil when the block's language is not command-like.
    static func command(language: String?, text: String, line: Int) -> Command? {
        switch classify(block: text, language: language) {
        case .commands, .session: break
        case .output, .alertText, .code, .empty: return nil
        }
        let lowered = language?.lowercased()
        let blockLines = text.asciiSplit("\n", omittingEmptySubsequences: false).map(String.init)
        let session = SessionPrompts(blockLines)
        let lines: [String]
        if session.usesPrompts {
            lines = session.commands()
        } else if lowered == "promql" || lowered == "logql" {
            let query = plainCommands(blockLines, comment: "#").joined(separator: " ")
            lines = query.isEmpty ? [] : [query]
        } else if let lowered, queryLanguages.contains(lowered) {
            lines = statements(plainCommands(blockLines, comment: "--"))
        } else {
            lines = plainCommands(blockLines, comment: "#")
        }
        return Command(language: language, text: text, line: line, lines: lines,
                       placeholders: PlaceholderScanner.placeholders(in: text))
    }

    private static func plainCommands(_ lines: [String], comment: String) -> [String] {
        var commands: [String] = []
        var pending: String?
        var heredoc: String?
        for raw in lines {
            if let terminator = heredoc {
                pending?.append("\n" + raw)
                if raw.trimmingWhitespace() == terminator {
                    commands.append(pending ?? "")
                    pending = nil
                    heredoc = nil
                }
                continue
            }
            var line = raw.trimmingWhitespace()
            if pending == nil && (line.isEmpty || line.hasPrefix(comment)) { continue }
            if pending == nil {
                line = ShellLine.withoutAnnotation(line)
                if line.isEmpty || ShellLine.isSurelyNotCommand(line) { continue }
            }
            let continues = line.hasSuffix("\\")
            if continues { line = String(line.dropLast()).trimmingWhitespace() }
            if pending == nil {
                pending = line
            } else if !line.isEmpty {
                pending?.append(" " + line)
            }
            if continues { continue }
            if let word = hereDocumentTerminator(in: line) {
                heredoc = word
                continue
            }
            if let command = pending, !command.isEmpty { commands.append(command) }
            pending = nil
        }
        if let pending, !pending.isEmpty { commands.append(pending) }
        return commands
    }

    /// SQL lines grouped into statements, each ending at a line that ends with `;`.
    private static func statements(_ lines: [String]) -> [String] {
        var statements: [String] = []
        var current: String?
        for line in lines {
            if current == nil { current = line } else { current?.append(" " + line) }
            if line.hasSuffix(";") {
                statements.append(current ?? line)
                current = nil
            }
        }
        if let current { statements.append(current) }
        return statements
    }

    /// The word that ends a here-document opened on this line (`<<EOF`, `<<-'END'`), if any.
    static func hereDocumentTerminator(in line: String) -> String? {
        guard let range = line.firstRange(ofBytes: "<<") else { return nil }
        var rest = line[range.upperBound...]
        if rest.first == "<" { return nil }
        if rest.first == "-" { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " }
        if rest.first == "'" || rest.first == "\"" { rest = rest.dropFirst() }
        let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return word.isEmpty ? nil : String(word)
    }
}
