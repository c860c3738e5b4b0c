import ArgumentParser
import RunbookCore

/// An action on one incident that takes nothing but its id (`ack`, `resolve`, `reopen`): each names its API
/// action and help, and shares the arguments, the request and the output.
protocol IncidentActionCommand: AsyncParsableCommand {
    /// The action's path segment in `POST /api/v1/incidents/{id}/{action}`.
    static var action: String { get }
    var incident: IncidentArguments { get }
}

extension IncidentActionCommand {
    /// `POST /api/v1/incidents/{id}/{action}`, then one line about the incident (and the server's warning).
    func run() async throws {
        let client = RemoteClient(target: try incident.remote.requireTarget())
        let id = incident.id
        let body = try await client.send(
            "POST", "/api/v1/incidents/\(id)/\(Self.action)", role: "operator", what: "incident \(id)")
        if incident.json { return RemoteOutput.printRaw(body) }
        let answer = try RemoteOutput.decode(ActionAnswer.self, from: body)
        print("Incident \(answer.incident.id) (\(answer.incident.key)): \(IncidentsCommand.stateLine(answer.incident))")
        if let warning = answer.warning { print(warning) }
    }
}

/// The server, the incident's id and `--json`, shared by the commands that act on one incident.
struct IncidentArguments: ParsableArguments {
    @OptionGroup var remote: RemoteOptions
    @Argument(help: "The incident's id.") var id: Int64
    @Flag(help: "Print the API's answer as it is.") var json = false

    func validate() throws {
        try IncidentsCommand.check(id)
    }
}

extension IncidentsCommand {
    /// `runbook incidents ack ID`.
    struct Ack: IncidentActionCommand {
        static let action = "acknowledge"
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Acknowledge an incident: someone is on it.",
            discussion: """
                Examples:
                  runbook incidents ack 42
                """)

        @OptionGroup var incident: IncidentArguments
    }

    /// `runbook incidents resolve ID`.
    struct Resolve: IncidentActionCommand {
        static let action = "resolve"
        static let configuration = CommandConfiguration(
            abstract: "Resolve an incident.",
            discussion: """
                When an alert of the incident still fires at its source, the incident is resolved all the same, \
                and the answer says so: silence it if the source will keep firing.

                Examples:
                  runbook incidents resolve 42
                """)

        @OptionGroup var incident: IncidentArguments
    }

    /// `runbook incidents reopen ID`.
    struct Reopen: IncidentActionCommand {
        static let action = "reopen"
        static let configuration = CommandConfiguration(
            abstract: "Reopen a resolved incident.",
            discussion: """
                Examples:
                  runbook incidents reopen 42
                """)

        @OptionGroup var incident: IncidentArguments
    }
}
