import ArgumentParser
import Foundation
import RunbookCore

/// `runbook coverage`: the alert keys that fired with no confident entry, on a running server.
struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "List the alert keys that fired with no confident runbook entry, most frequent first.",
        discussion: """
            Talks to a running server (--server URL --token TOKEN, RUNBOOK_SERVER and RUNBOOK_TOKEN, or \
            ~/.config/runbook/cli.yaml; see runbook incidents --help) with a viewer token. Each key comes with \
            its best candidate; --json also carries a Markdown stub of the entry to write.

            Examples:
              runbook coverage
              runbook coverage --threshold 0.7 --limit 20
              runbook coverage --json | jq -r '.keys[0].stub'
            """
    )

    @OptionGroup var remote: RemoteOptions
    @Option(help: "An entry counts as confident from this score (0 to 1; default: the server's setting).")
    var threshold: Double?
    @Option(help: "At most this many keys (1 to 1000).")
    var limit = 100
    @Flag(help: "Print the API's answer: {\"threshold\", \"keys\": [{key, count, candidates, stub, …}]}.")
    var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
        if let threshold, !(0...1).contains(threshold) {
            throw ValidationError("--threshold must be from 0 to 1, not \(threshold)")
        }
    }

    func run() async throws {
        struct Report: Decodable {
            struct Item: Decodable {
                var key: String
                var source: String
                var count: Int
                var lastSeen: Date
                var candidates: [Match]
            }

            var threshold: Double
            var keys: [Item]
        }
        let client = RemoteClient(target: try remote.requireTarget())
        let query = [("limit", String(limit))] + (threshold.map { [("threshold", String($0))] } ?? [])
        let body = try await client.send("GET", "/api/v1/coverage", query: query, role: "viewer")
        if json { return RemoteOutput.printRaw(body) }
        let report = try RemoteOutput.decode(Report.self, from: body)
        guard !report.keys.isEmpty else {
            return print("Every alert key that fired had an entry scoring \(report.threshold) or more.")
        }
        RemoteOutput.printTable(
            ["COUNT", "KEY", "SOURCE", "LAST SEEN", "BEST CANDIDATE"],
            report.keys.map { item in
                let best = item.candidates.first.map { "\($0.entry) (\(String(format: "%.2f", $0.score)))" } ?? "-"
                return ["\(item.count)", item.key, item.source, RemoteOutput.age(item.lastSeen) + " ago", best]
            })
    }
}
