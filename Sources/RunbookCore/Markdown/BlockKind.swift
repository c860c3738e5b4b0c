/// What a code block holds, as the command reader and lint see it (``CommandReader/classify(block:language:)``).
public enum BlockKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Commands to run, without output: a script or a list of commands.
    case commands
    /// A pasted terminal session: commands (after prompts, or prompt-less lines that read as commands) and output.
    case session
    /// Only what commands printed, or notes about it: no line reads as a command.
    case output
    /// The text of an alert as it was paged (`[FIRING:1] …`, `alertname=…`), not something to run.
    case alertText
    /// Data or a program in a language that is not run at a shell prompt (`yaml`, `json`, `python`…).
    case code
    /// Nothing but blank lines.
    case empty
}
