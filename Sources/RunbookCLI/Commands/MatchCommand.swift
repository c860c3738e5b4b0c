import ArgumentParser
import Foundation
import RunbookCore

extension AlertFormat: ExpressibleByArgument {}

/// `runbook match --runbooks DIR… (TEXT | -)`: which entry answers this alert?
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match an alert to the runbook entry that answers it.",
        discussion: """
            Reads one alert payload (Alertmanager, Sentry, Pingdom, Datadog, CloudWatch via SNS, PagerDuty-style \
            generic JSON) or free text, from the argument or from standard input (-). Prints the alert's key and \
            the best entries with a confidence in [0, 1] and the evidence for it.

            Exit status: 0 when the best entry clears the threshold, 1 when no entry does, 2 on bad input.

            Examples:
              runbook match --runbooks examples/runbooks 'DiskUsageWarning checkout-worker-3 93% full'
              runbook match --runbooks examples/runbooks --json - < examples/alerts/alertmanager-disk.json
            """
    )

    @OptionGroup var library: LibraryOptions

    @Option(help: "The payload's format: auto, text, alertmanager, sentry, pingdom, datadog, cloudwatch-sns, generic.")
    var format: AlertFormat = .auto

    @Option(help: "How many candidate entries to list per alert.")
    var limit = 5

    @Option(help: "The confidence from which the best entry counts as matched.")
    var threshold = MatchIndex.defaultThreshold

    @Flag(help: "Print JSON: {key, alerts, matched, matches}.")
    var json = false

    @Argument(help: ArgumentHelp("The alert text or payload, or - to read standard input.", valueName: "text|-"))
    var input: String

    /// Payloads larger than this are refused rather than read into memory.
    static let maxInputBytes = 16 << 20

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        let data = try readInput()
        let alerts: [Alert]
        do {
            alerts = try AlertDecoder.decode(data, format: format, receivedAt: Date())
        } catch {
            throw ValidationError(Self.inputError(error, data: data, format: format))
        }
        guard !alerts.isEmpty else { throw ValidationError("the input holds no alert") }
        let loaded = try library.load()
        let index = MatchIndex(library: loaded.library)
        let results = alerts.map { alert in
            AlertResult(alert: alert, key: AlertKey.key(for: alert), matches: index.match(alert, limit: limit),
                        threshold: threshold)
        }
        let first = results[0]
        if json {
            try JSONOutput.print(
                MatchReport(key: first.key, alerts: results, matched: first.matched, matches: first.matches,
                            threshold: threshold)
            )
        } else {
            printText(results)
        }
        if first.matched == nil { throw ExitCode(CLIExit.notFound) }
    }

    /// What was wrong with the input, what it was read as, and what each format expects.
    static func inputError(_ error: any Error, data: Data, format: AlertFormat) -> String {
        guard format == .auto else {
            let said = "the input is not a valid \(format.rawValue) payload: \(error)"
            guard !"\(error)".contains(format.expectation) else { return said }
            return said + "\n\(format.rawValue) expects \(format.expectation)"
        }
        let detected = AlertDecoder.detect(data)
        let read: String
        switch (detected, try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) {
        case (.generic, is [Any]): read = "a JSON array"
        case (.generic, is [String: Any]): read = "a JSON object of no known source (generic)"
        case (.generic, _): read = "JSON that does not parse"
        default: read = "a \(detected.rawValue) payload"
        }
        let formats = AlertFormat.allCases.filter { $0 != .auto }
            .map { "  \($0.rawValue): \($0.expectation)" }.joined(separator: "\n")
        return "the input was read as \(read), which is not valid: \(error)\n"
            + "Give --format to say what it is; each format expects:\n\(formats)"
    }

    private func readInput() throws -> Data {
        guard input == "-" else { return Data(input.utf8) }
        var data = Data()
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
            if data.count > Self.maxInputBytes {
                throw ValidationError("standard input is larger than \(Self.maxInputBytes) bytes")
            }
        }
        guard !data.isEmpty else { throw ValidationError("standard input is empty: pipe an alert into it") }
        return data
    }

    private func printText(_ results: [AlertResult]) {
        for (position, result) in results.enumerated() {
            if results.count > 1 { print("alert \(position + 1) of \(results.count): \(result.alert.title)") }
            print("key: \(result.key)")
            if let matched = result.matched {
                print("matched: \(matched)")
            } else {
                print("no confident match (threshold \(formatScore(threshold)))")
            }
            for match in result.matches {
                print("  \(formatScore(match.score))  \(match.entry)  \(match.title)")
                let reasons = match.evidence.prefix(4).map {
                    "\($0.alertField) '\($0.term)' → \($0.entryField)"
                }
                if !reasons.isEmpty { print("        " + reasons.joined(separator: "; ")) }
            }
            if position < results.count - 1 { print() }
        }
    }
}

/// One alert with its key and candidates, as `match --json` prints it in `alerts`.
struct AlertResult: Encodable {
    var alert: Alert
    var key: String
    var matches: [Match]
    var matched: String?

    init(alert: Alert, key: String, matches: [Match], threshold: Double) {
        self.alert = alert
        self.key = key
        self.matches = matches
        matched = matches.first.flatMap { $0.score >= threshold ? $0.entry : nil }
    }

    private enum Keys: String, CodingKey { case key, matched, matches }

    func encode(to encoder: Encoder) throws {
        try alert.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(key, forKey: .key)
        try container.encode(matched, forKey: .matched)
        try container.encode(matches, forKey: .matches)
    }
}

/// The whole `match --json` document.
struct MatchReport: Encodable {
    var key: String
    var alerts: [AlertResult]
    var matched: String?
    var matches: [Match]
    var threshold: Double

    private enum Keys: String, CodingKey { case key, alerts, matched, matches, threshold }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(key, forKey: .key)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(matched, forKey: .matched)
        try container.encode(matches, forKey: .matches)
        try container.encode(threshold, forKey: .threshold)
    }
}
