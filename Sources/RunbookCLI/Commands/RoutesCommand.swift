import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer

/// `runbook routes test --alert FILE`: which routes and channels would an alert's incident be notified on?
struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Check the notification routes of the configuration.",
        subcommands: [TestAlert.self]
    )

    /// `runbook routes test`.
    struct TestAlert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Show which routes and channels an alert would be notified on.",
            discussion: """
                Reads the configuration as `runbook serve` does (--config or RUNBOOK_CONFIG, RUNBOOK_… variables), \
                decodes the alert file with the decoders of `runbook match`, matches each alert against the \
                library (--runbooks, else the configured folders) to find its entry's document, and prints the \
                routes each alert takes and the channels it would reach: `default` when no route fits, \
                `fallback` for Runbook's own incidents. Silences are not considered.

                Exit status: 0 when every alert reaches a channel, 1 when one reaches none, 2 on bad input.

                Example:
                  runbook routes test --config /etc/runbook.yml --alert examples/alerts/alertmanager-disk.json
                  runbook routes test --config runbook.yml --runbooks docs/runbooks --json --alert - < alert.json
                """
        )

        @Option(help: ArgumentHelp("The alert payload file, or - for standard input.", valueName: "file"))
        var alert: String

        @Option(help: "The payload's format: auto, text, alertmanager, sentry, pingdom, datadog, cloudwatch-sns, …")
        var format: AlertFormat = .auto

        @Option(help: ArgumentHelp("A YAML config file (also RUNBOOK_CONFIG).", valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp("A runbook library folder, instead of the configured ones (repeatable).",
                                   valueName: "dir"))
        var runbooks: [String] = []

        @Flag(help: "Print JSON: {notificationsEnabled, alerts: [{title, source, severity, entry, routes, channels}]}.")
        var json = false

        func run() throws {
            let flags: [String: ConfigInput] = runbooks.isEmpty ? [:] : ["runbooks": .list(runbooks)]
            let configuration = try ServerOptions.loadConfiguration(file: config, flags: flags).configuration
            let alerts: [Alert]
            do {
                alerts = try AlertDecoder.decode(try readAlert(), format: format, receivedAt: Date())
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("the \(format.rawValue) input is not valid: \(error)")
            }
            guard !alerts.isEmpty else { throw ValidationError("the input holds no alert") }
            let index = MatchIndex(library: try LibraryLoader().load(folders: configuration.runbookFolders).library)
            let threshold = configuration.incidentPolicy.matchThreshold
            let table = configuration.notifications.routes
            let reports = alerts.map { alert in
                let best = index.match(alert, limit: 1).first.flatMap { $0.score >= threshold ? $0 : nil }
                return RoutedAlert(alert: alert, match: best, table: table)
            }
            let enabled = configuration.notifications.isEnabled
            if json {
                try JSONOutput.print(RoutesReport(notificationsEnabled: enabled, alerts: reports))
            } else {
                printText(reports, enabled: enabled)
            }
            if reports.contains(where: { $0.channels.isEmpty }) { throw ExitCode(CLIExit.notFound) }
        }

        private func readAlert() throws -> Data {
            if alert == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                guard !data.isEmpty else { throw ValidationError("standard input is empty: pipe an alert into it") }
                return data
            }
            guard let data = FileManager.default.contents(atPath: alert) else {
                throw ValidationError("cannot read the alert file \(alert)")
            }
            return data
        }

        private func printText(_ reports: [RoutedAlert], enabled: Bool) {
            if !enabled {
                print("notifications are off: no channel is configured (notifications.channels)")
            }
            for (position, report) in reports.enumerated() {
                print("alert \(position + 1) of \(reports.count): \(report.title)")
                print("  source: \(report.source.rawValue), severity: \(report.severity ?? "none")")
                if let entry = report.entry {
                    print("  entry: \(entry) (document \(report.document ?? entry))")
                } else {
                    print("  entry: no confident match")
                }
                for route in report.routes {
                    let note = route.name == RouteTable.fallbackRouteName ? "  (Runbook's own incident)"
                        : report.isDefault ? "  (no route fits)" : ""
                    let channels = route.channels.isEmpty ? "no channel" : route.channels.joined(separator: ", ")
                    print("  route \(route.name) → \(channels)\(note)")
                }
                print("  channels: \(report.channels.isEmpty ? "none" : report.channels.joined(separator: ", "))")
            }
        }
    }
}

/// One alert's routing, as `routes test` prints it.
struct RoutedAlert: Encodable {
    struct RouteTaken: Encodable {
        var name: String
        var channels: [String]
    }

    var title: String
    var source: AlertSource
    var severity: String?
    var labels: [String: String]
    var entry: String?
    var score: Double?
    var document: String?
    var routes: [RouteTaken]
    /// Every channel notified, each once, in route order.
    var channels: [String]
    /// True when no route fit and the default route was taken.
    var isDefault: Bool
    /// True when the alert is Runbook's own and went to the fallback channels.
    var isFallback: Bool

    init(alert: Alert, match: Match?, table: RouteTable) {
        let subject = RoutingSubject(alert: alert, entryID: match?.entry)
        let taken = table.routes(for: subject)
        title = alert.title
        source = alert.source
        severity = subject.severity
        labels = alert.labels
        entry = match?.entry
        score = match?.score
        document = subject.document
        routes = taken.map { RouteTaken(name: $0.name, channels: $0.channels) }
        channels = RouteTable.channels(of: taken).map(\.channel)
        isFallback = subject.isSelf && !table.fallbackChannels.isEmpty
        isDefault = !isFallback && !table.routes.contains { $0.fits(subject) }
    }

    private enum CodingKeys: String, CodingKey {
        case title, source, severity, labels, entry, score, document, routes, channels
        case isDefault = "default"
        case isFallback = "fallback"
    }
}

/// The whole `routes test --json` document.
struct RoutesReport: Encodable {
    var notificationsEnabled: Bool
    var alerts: [RoutedAlert]
}
