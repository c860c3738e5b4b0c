import ArgumentParser
import RunbookCore

/// `runbook entries DIR…`: list the entries of a library.
struct EntriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
        abstract: "List the entries of a runbook library.",
        discussion: """
            Every section of every Markdown file is an entry, except parts (Diagnosis, Mitigation…). An entry's id \
            is <file>#<anchor>, the anchor being GitHub's heading slug. Each line is the id, the title, the \
            aliases ("also: …", when the entry has other headings), the parts and the number of commands.

            Example:
              runbook entries examples/runbooks
              runbook entries --json examples/runbooks | jq -r '.[].id'
            """
    )

    @Argument(help: ArgumentHelp("Runbook library folders or Markdown files.", valueName: "dir"))
    var folders: [String]

    @Flag(help: "Print JSON: a list of {id, title, aliases, file, line, path, parts, commands}.")
    var json = false

    func validate() throws {
        if folders.isEmpty { throw ValidationError("give at least one runbook folder") }
    }

    func run() throws {
        let entries = try LibraryLoader().load(folders: folders).library.entries
        if json {
            try JSONOutput.print(entries.map(EntrySummary.init))
            return
        }
        for entry in entries {
            let parts = entry.parts.map(\.kind.label).joined(separator: ", ")
            var line = "\(entry.id)\t\(entry.title)"
            if !entry.aliases.isEmpty { line += "\talso: \(entry.aliases.joined(separator: "; "))" }
            if !parts.isEmpty { line += "\t[\(parts)]" }
            if !entry.commands.isEmpty { line += "\t\(entry.commands.count) command(s)" }
            print(line)
        }
    }
}

/// The JSON shape of one entry in `runbook entries --json`.
struct EntrySummary: Encodable {
    var id: String
    var title: String
    var aliases: [String]
    var file: String
    var line: Int
    var path: [String]
    var parts: [PartSummary]
    var commands: [Command]

    struct PartSummary: Encodable {
        var kind: String
        var title: String
        var line: Int
    }

    init(_ entry: Entry) {
        id = entry.id
        title = entry.title
        aliases = entry.aliases
        file = entry.file
        line = entry.line
        path = entry.path
        parts = entry.parts.map { PartSummary(kind: $0.kind.rawValue, title: $0.title, line: $0.line) }
        commands = entry.commands
    }
}
