import ArgumentParser
import RunbookCore

/// `runbook show ENTRY_ID --runbooks DIR…`: one entry, ready to act on.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one runbook entry with its placeholders filled.",
        discussion: """
            Prints the entry for a terminal: Diagnosis first, then Mitigation and the other parts. Placeholders \
            (<ENVIRONMENT>, ${namespace}, $SERVICE, {{ $labels.pod }}) are filled from --label values, matched \
            without regard to case and with aliases (environment/env/stage, namespace/ns, instance/host). Those \
            left unfilled are marked and listed. An instance label in a host position (ssh <instance>, \
            user@<HOST>, -h/--host) gives the host without its port. A closing COMMANDS section lists each \
            block's commands to paste, without the output and notes pasted with them; --json gives them as \
            commands[].lines, the first as command and its whole block as block.

            Example:
              runbook show oncall.md#queuebackloggrowing-checkout --runbooks examples/runbooks \\
                  --label namespace=shop-prod
            """
    )

    @Argument(help: ArgumentHelp("The entry id (file#anchor), or just its anchor when that is unique."))
    var entryID: String

    @OptionGroup var library: LibraryOptions

    @Option(name: .customLong("label"), help: ArgumentHelp("A label to fill placeholders with.", valueName: "k=v"))
    var labels: [String] = []

    @Flag(help: "Print JSON: the entry, its filled commands and the unfilled placeholders.")
    var json = false

    func validate() throws {
        _ = try parseLabels(labels)
    }

    func run() throws {
        let labelMap = try parseLabels(labels)
        let entries = try library.load().library.entries
        let entry = try EntryLookup(entries: entries).find(entryID)
        let rendered = EntryRenderer(labels: labelMap).render(entry)
        if json {
            try JSONOutput.print(rendered)
        } else {
            print(rendered.terminalText, terminator: "")
        }
    }
}

/// Parses `k=v` strings into a label map, naming the first bad one.
func parseLabels(_ pairs: [String]) throws -> [String: String] {
    var labels: [String: String] = [:]
    for pair in pairs {
        guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            throw ValidationError("--label '\(pair)' is not of the form key=value")
        }
        labels[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    return labels
}
