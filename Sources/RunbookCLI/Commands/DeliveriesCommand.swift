import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer
import RunbookStore

extension DeliveryState: ExpressibleByArgument {}

/// `runbook deliveries list|retry`: the notification outbox.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "List the notification outbox and retry dead deliveries.",
        discussion: """
            Every notification is a delivery in a durable outbox: pending until sent, held when a storm folds it \
            into a digest, sent, or dead when it ran out of retries (it stays visible with its last error). \
            Retrying a dead delivery resets its error count; it keeps its idempotency key, so a receiver that \
            had it already can drop the repeat. The commands use a running server (--server URL --token TOKEN, \
            RUNBOOK_SERVER and RUNBOOK_TOKEN, or ~/.config/runbook/cli.yaml; retrying needs an operator token), \
            or the server's database (--data, --config, RUNBOOK_DATA or RUNBOOK_CONFIG), also while it runs; \
            --data or --config on the command line chooses the database.

            Examples:
              runbook deliveries list --state dead
              runbook deliveries list --incident 42 --json
              runbook deliveries retry 17 18
              runbook deliveries retry --all-dead
              runbook deliveries list --state dead --server http://127.0.0.1:8080 --token rbk_…
            """,
        subcommands: [List.self, Retry.self]
    )

    /// `runbook deliveries list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List deliveries, newest first.",
            discussion: """
                Examples:
                  runbook deliveries list --state dead
                  runbook deliveries list --incident 42 --limit 20 --json
                """
        )

        @OptionGroup var server: ServerOptions
        @OptionGroup var remote: RemoteOptions
        @Option(help: "Only deliveries in this state: pending, held, sent or dead.")
        var state: DeliveryState?
        @Option(help: ArgumentHelp("Only the deliveries of this incident.", valueName: "id"))
        var incident: Int64?
        @Option(help: "At most this many (1 to 1000).")
        var limit = 100
        @Flag(help: "Print JSON: {\"deliveries\": [...]}, as GET /api/v1/deliveries answers.")
        var json = false

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
            if let incident, incident <= 0 { throw ValidationError("--incident must be a positive incident id") }
        }

        func run() async throws {
            let query = DeliveryQuery(state: state, incidentID: incident, limit: limit)
            let deliveries: [DeliveryResource]
            if let target = try remote.target(unless: server) {
                struct Page: Decodable { var deliveries: [DeliveryResource] }
                let parameters = [("limit", String(limit))] + (state.map { [("state", $0.rawValue)] } ?? [])
                    + (incident.map { [("incident", String($0))] } ?? [])
                let body = try await RemoteClient(target: target).send(
                    "GET", "/api/v1/deliveries", query: parameters, role: "viewer")
                if json { return RemoteOutput.printRaw(body) }
                deliveries = try RemoteOutput.decode(Page.self, from: body).deliveries
            } else {
                deliveries = try await server.withStore(orServer: true) { store, _ in
                    try await store.deliveries(matching: query)
                }.map { DeliveryResource($0) }
            }
            if json {
                try JSONOutput.printAPI(["deliveries": deliveries])
            } else if deliveries.isEmpty {
                print("No deliveries.")
            } else {
                print(["ID", "STATE", "KIND", "CHANNEL", "ROUTE", "INCIDENT", "FAILED TRIES", "WHEN", "LAST ERROR"]
                    .joined(separator: "\t"))
                for delivery in deliveries {
                    print(DeliveriesCommand.row(delivery))
                }
            }
        }
    }

    /// `runbook deliveries retry (ID… | --all-dead)`.
    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make dead deliveries pending again, due now, with their error count reset.",
            discussion: """
                Examples:
                  runbook deliveries retry 17 18
                  runbook deliveries retry --all-dead --json
                """
        )

        @OptionGroup var server: ServerOptions
        @OptionGroup var remote: RemoteOptions
        @Argument(help: "Ids of dead deliveries (see runbook deliveries list --state dead).")
        var ids: [Int64] = []
        @Flag(name: .customLong("all-dead"), help: "Retry every dead delivery.")
        var allDead = false
        @Flag(help: "Print JSON: {\"retried\": N, \"retried_at\": TIME}.")
        var json = false

        func validate() throws {
            guard ids.isEmpty == allDead else {
                throw ValidationError("give either delivery ids or --all-dead (not both, not neither)")
            }
            if ids.contains(where: { $0 <= 0 }) { throw ValidationError("delivery ids are positive whole numbers") }
        }

        func run() async throws {
            var at = Date()
            let count: Int
            if let target = try remote.target(unless: server) {
                let body = try await RemoteClient(target: target).send(
                    "POST", "/api/v1/deliveries/retry", json: allDead ? Report.Body(allDead: true) : Report.Body(ids: ids),
                    role: "operator")
                if json { return RemoteOutput.printRaw(body) }
                let report = try RemoteOutput.decode(Report.self, from: body)
                (count, at) = (report.retried, report.retriedAt)
            } else {
                count = try await server.withStore(orServer: true) { store, _ in
                    try await store.retryDeliveries(ids: allDead ? nil : ids, at: at)
                }
            }
            if json {
                try JSONOutput.printAPI(Report(retried: count, retriedAt: at))
            } else if count == 0 {
                print(allDead ? "No delivery was dead; nothing to retry."
                    : "None of the given deliveries was dead; nothing to retry (see runbook deliveries list).")
            } else {
                print("Retried \(count) dead deliver\(count == 1 ? "y" : "ies"); the server sends them now.")
            }
        }

        private struct Report: Codable {
            var retried: Int
            var retriedAt: Date

            /// The body of `POST /api/v1/deliveries/retry`.
            struct Body: Encodable {
                var ids: [Int64]?
                var allDead: Bool?
            }
        }
    }

    /// One tab-separated line: id, state, kind, channel, route, incident, failed tries, when, last error.
    static func row(_ delivery: DeliveryResource) -> String {
        let when = delivery.sentAt ?? delivery.dueAt
        return [
            "\(delivery.id)", delivery.state.rawValue, delivery.kind.rawValue, delivery.channel, delivery.route,
            "\(delivery.incidentID)", "\(delivery.attempts)", when.formatted(.iso8601),
            delivery.lastError.map { $0.replacingOccurrences(of: "\n", with: " ") } ?? "-",
        ].joined(separator: "\t")
    }
}
