import Foundation

/// The matched entry as a message shows it: title, link, the start of its Diagnosis and its first command (the block's
/// commands and the whole block besides).
public struct EntrySummary: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    /// `consoleURL/runbooks/<entry id>`, when a console URL is configured.
    public var url: URL?
    /// The match's confidence in [0, 1].
    public var confidence: Double?
    /// The first lines of its Diagnosis part (of its text when it has none), placeholders filled.
    public var diagnosis: [String]
    /// Its first command, placeholders filled from the labels: one line to paste, without output.
    public var command: String?
    /// Every command of that block, filled, in order, without output or annotations.
    public var commands: [String]
    /// The whole block the command comes from, filled, output and notes included.
    public var block: String?

    /// A summary of the entry `id`.
    public init(
        id: String, title: String, url: URL? = nil, confidence: Double? = nil, diagnosis: [String] = [],
        command: String? = nil, commands: [String] = [], block: String? = nil
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.confidence = confidence
        self.diagnosis = diagnosis
        self.command = command
        self.commands = commands.isEmpty ? command.map { [$0] } ?? [] : commands
        self.block = block
    }
}
