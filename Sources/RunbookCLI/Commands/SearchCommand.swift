import Foundation
import ArgumentParser
import RunbookCore

/// `runbook search DIR… QUERY`: full-text search over a library's entries.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search a runbook library.",
        discussion: """
            The last argument is the query; the ones before it are library folders. Titles weigh more than body \
            text, rare words more than common ones.

            Example:
              runbook search examples/runbooks 'replica lag'
            """
    )

    @Argument(help: ArgumentHelp("Runbook library folders, then the query.", valueName: "dir… query"))
    var arguments: [String] = []

    @Option(help: "How many entries to show.")
    var limit = 10

    @Flag(help: "Print JSON: a list of {entry, title, score, evidence}.")
    var json = false

    func validate() throws {
        guard arguments.count >= 2 else {
            throw ValidationError("give at least one runbook folder and a query: runbook search DIR… QUERY")
        }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let query = arguments[arguments.count - 1]
        let loaded = try LibraryLoader().load(folders: Array(arguments.dropLast()))
        let results = MatchIndex(library: loaded.library).search(query, limit: limit)
        if json {
            try JSONOutput.print(results)
            return
        }
        if results.isEmpty {
            print("no entry matches '\(query)'")
            throw ExitCode(CLIExit.notFound)
        }
        for result in results {
            print("\(formatScore(result.score))  \(result.entry)  \(result.title)")
        }
    }
}

/// A score as a person reads it: two decimals.
func formatScore(_ score: Double) -> String {
    let hundredths = Int((score * 100).rounded())
    return "\(hundredths / 100).\(String(format: "%02d", hundredths % 100))"
}
