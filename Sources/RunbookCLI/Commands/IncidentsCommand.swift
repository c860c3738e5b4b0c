import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer

extension IncidentState: ExpressibleByArgument {}

/// `runbook incidents list|show|ack|note|resolve|reopen|set-entry`: incidents on a running server.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List, read and act on the incidents of a running server.",
        discussion: """
            These commands talk to a running `runbook serve` through its JSON API. Name the server and an API \
            token with --server URL --token TOKEN, or RUNBOOK_SERVER and RUNBOOK_TOKEN, or in \
            ~/.config/runbook/cli.yaml (RUNBOOK_CLI_CONFIG names another file):

              server: http://127.0.0.1:8080
              token: <an API token from runbook tokens add NAME --role operator>

            Reading needs the role viewer; ack, note, resolve, reopen and set-entry need operator. Every action \
            is recorded on the incident's timeline under the token's name. Output is a table, or with --json what \
            the API answers. Exit status: 0 done, 1 no such incident, 2 bad input or a token refused, 3 the \
            server cannot be reached.

            Examples:
              export RUNBOOK_SERVER=http://127.0.0.1:8080 RUNBOOK_TOKEN=rbk_…
              runbook incidents list --state triggered --state acknowledged
              runbook incidents show 42
              runbook incidents ack 42
              runbook incidents note 42 "failed over to the replica"
              runbook incidents set-entry 42 'oncall.md#diskusagewarning-checkout-worker'
              runbook incidents resolve 42
            """,
        subcommands: [List.self, Show.self, Ack.self, Note.self, Resolve.self, Reopen.self, SetEntry.self]
    )

    /// `runbook incidents list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List incidents, open ones first.",
            discussion: """
                Examples:
                  runbook incidents list
                  runbook incidents list --state triggered --label service=checkout --limit 20
                  runbook incidents list --json | jq '.incidents[].key'
                """
        )

        @OptionGroup var remote: RemoteOptions
        @Option(help: "Only incidents in this state: triggered, acknowledged or resolved; repeat for several.")
        var state: [IncidentState] = []
        @Option(help: ArgumentHelp("Only incidents with this label on an alert (name=value); repeat for more.",
                                   valueName: "label"))
        var label: [String] = []
        @Option(help: "At most this many (1 to 1000).")
        var limit = 50
        @Flag(help: "Print the API's answer: {\"incidents\": [...], \"next_cursor\": ...}.")
        var json = false

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
            for label in label where !label.contains("=") || label.hasPrefix("=") {
                throw ValidationError("--label takes name=value, such as --label service=checkout; got '\(label)'")
            }
        }

        func run() async throws {
            let client = RemoteClient(target: try remote.requireTarget())
            var query = state.map { ("state", $0.rawValue) } + [("limit", String(limit))]
            for label in label {
                let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
                query.append(("label.\(parts[0])", parts.count == 2 ? parts[1] : ""))
            }
            let body = try await client.send("GET", "/api/v1/incidents", query: query, role: "viewer")
            if json { return RemoteOutput.printRaw(body) }
            let page = try RemoteOutput.decode(IncidentPage.self, from: body)
            guard !page.incidents.isEmpty else { return print("No incidents.") }
            RemoteOutput.printTable(
                ["ID", "STATE", "KEY", "SOURCE", "SEVERITY", "ENTRY", "SCORE", "ALERTS", "OPENED"],
                page.incidents.map { incident in
                    [
                        "\(incident.id)", incident.state.rawValue, incident.key, incident.source.rawValue,
                        incident.severity ?? "-", incident.entryID ?? "-",
                        incident.score.map { String(format: "%.2f", $0) } ?? "-", "\(incident.alertCount)",
                        RemoteOutput.age(incident.openedAt),
                    ]
                })
            if page.nextCursor != nil { print("(more: raise --limit)") }
        }
    }

    /// `runbook incidents show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one incident: its state, timeline and matched entry, Diagnosis first.",
            discussion: """
                The entry's commands are filled from the labels of the incident's first alert; a placeholder no \
                label could fill stays as written and is named under the entry.

                Examples:
                  runbook incidents show 42
                  runbook incidents show 42 --json
                """
        )

        @OptionGroup var remote: RemoteOptions
        @Argument(help: "The incident's id.") var id: Int64
        @Flag(help: "Print the API's answer: incident, alerts, timeline, entry, candidates.") var json = false

        func validate() throws { try IncidentsCommand.check(id) }

        func run() async throws {
            let client = RemoteClient(target: try remote.requireTarget())
            let body = try await client.send("GET", "/api/v1/incidents/\(id)", role: "viewer", what: "incident \(id)")
            if json { return RemoteOutput.printRaw(body) }
            let detail = try RemoteOutput.decode(IncidentDetail.self, from: body)
            let incident = detail.incident
            print("Incident \(incident.id): \(incident.key)")
            print("  state     \(IncidentsCommand.stateLine(incident))")
            print("  source    \(incident.source.rawValue)\(incident.severity.map { ", severity \($0)" } ?? "")")
            print("  opened    \(incident.openedAt.formatted(.iso8601)) (\(RemoteOutput.age(incident.openedAt)) ago)")
            print("  alerts    \(incident.alertCount) (\(incident.firingCount) firing)")
            if let entry = detail.entry {
                let score = incident.score.map { String(format: " (confidence %.2f)", $0) } ?? ""
                print("  entry     \(entry.id): \(entry.title)\(score)")
            } else {
                print("  entry     none matched" + (incident.entryID.map { " (\($0) is no longer in the library)" } ?? ""))
            }
            for candidate in detail.candidates.prefix(3) {
                // What speaks against it, when the matcher found something (another service's entry).
                let against = candidate.against.map { " — \($0)" } ?? ""
                print("  candidate \(candidate.entry) (\(String(format: "%.2f", candidate.score)))\(against)")
            }
            print("\nTimeline:")
            for event in detail.timeline {
                let who = event.actor.map { " by \($0)" } ?? ""
                let count = event.count > 1 ? " ×\(event.count)" : ""
                let what = event.detail.map { ": \($0.replacingOccurrences(of: "\n", with: " "))" } ?? ""
                print("  \(event.at.formatted(.iso8601))  \(event.kind.rawValue)\(count)\(who)\(what)")
            }
            guard let entry = detail.entry else { return }
            print("\n\(entry.title) (\(entry.file):\(entry.line))")
            if !entry.introduction.isEmpty { print("\n" + entry.introduction) }
            for part in entry.parts {
                print("\n## \(part.title)\n\n\(part.markdown)")
            }
            if !entry.unfilled.isEmpty {
                print("\nNot filled (no label for them): " + entry.unfilled.map(\.raw).joined(separator: ", "))
            }
        }
    }

    /// `runbook incidents note ID TEXT`.
    struct Note: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a note to an incident's timeline.",
            discussion: """
                Examples:
                  runbook incidents note 42 "failed over to the replica at 14:05"
                """)

        @OptionGroup var remote: RemoteOptions
        @Argument(help: "The incident's id.") var id: Int64
        @Argument(help: "The note.") var text: String
        @Flag(help: "Print the timeline event as the API answers it.") var json = false

        func validate() throws {
            try IncidentsCommand.check(id)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("the note is empty; give its text: runbook incidents note \(id) \"…\"")
            }
        }

        func run() async throws {
            let client = RemoteClient(target: try remote.requireTarget())
            let body = try await client.send(
                "POST", "/api/v1/incidents/\(id)/notes", json: ["text": text], role: "operator",
                what: "incident \(id)")
            if json { return RemoteOutput.printRaw(body) }
            print("Noted on incident \(id).")
        }
    }

    /// `runbook incidents set-entry ID (ENTRY | --none)`.
    struct SetEntry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-entry",
            abstract: "Say which runbook entry answers an incident, or that none does.",
            discussion: """
                The choice binds the incident's key: the next alert with it gets this entry before any matching. \
                An entry id is <file>#<anchor>, as `runbook entries` lists them; quote it for the shell.

                Examples:
                  runbook incidents set-entry 42 'oncall.md#diskusagewarning-checkout-worker'
                  runbook incidents set-entry 42 --none --note "no runbook for this yet"
                """)

        @OptionGroup var remote: RemoteOptions
        @Argument(help: "The incident's id.") var id: Int64
        @Argument(help: "The entry id, <file>#<anchor>.") var entry: String?
        @Flag(help: "No entry answers this incident.") var none = false
        @Option(help: "Why, on the timeline.") var note: String?
        @Flag(help: "Print the API's answer: the incident and its key's binding.") var json = false

        func validate() throws {
            try IncidentsCommand.check(id)
            guard (entry == nil) == none else {
                throw ValidationError("give either an entry id (<file>#<anchor>) or --none, not both, not neither")
            }
            if let entry, !entry.contains("#") {
                throw ValidationError("an entry id is <file>#<anchor>, such as oncall.md#disk-full; got '\(entry)'")
            }
        }

        func run() async throws {
            struct Choice: Encodable {
                var entry: String?
                var note: String?

                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(entry, forKey: .entry)  // null means "none fits": always written
                    try container.encodeIfPresent(note, forKey: .note)
                }
            }
            let client = RemoteClient(target: try remote.requireTarget())
            let body = try await client.send(
                "POST", "/api/v1/incidents/\(id)/entry", json: Choice(entry: entry, note: note), role: "operator",
                what: "incident \(id)")
            if json { return RemoteOutput.printRaw(body) }
            print(entry.map { "Incident \(id) is answered by \($0); the next alert of its key gets it first." }
                ?? "Incident \(id) has no entry; the next alert of its key will not be matched to one.")
        }
    }

    static func check(_ id: Int64) throws {
        guard id > 0 else { throw ValidationError("an incident id is a positive whole number, not \(id)") }
    }

    static func stateLine(_ incident: Incident) -> String {
        switch incident.state {
        case .triggered: return "triggered"
        case .acknowledged:
            return "acknowledged" + (incident.acknowledgedBy.map { " by \($0)" } ?? "")
        case .resolved:
            return "resolved" + (incident.resolvedBy.map { " by \($0)" } ?? "")
        }
    }
}
