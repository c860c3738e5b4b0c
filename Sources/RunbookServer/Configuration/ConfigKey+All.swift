import Foundation
import Logging
import RunbookStore

extension ConfigKey {
    /// Every setting `runbook serve` reads, in the order `config show` prints them.
    public static let all: [ConfigKey] = [
        scalar("listen", "Address and port the HTTP server binds to.", expected: "HOST:PORT, e.g. 127.0.0.1:8080",
               parse: ListenAddress.init(parsing:), keyPath: \.listen, show: \.description),
        scalar("data", "Folder for the database and other state.", expected: "a folder path",
               parse: nonEmpty, keyPath: \.dataDirectory, show: { $0 }),
        scalar("database", "PostgreSQL database for several nodes; empty for SQLite in the data folder.",
               expected: "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE], MODE one of disable, "
                   + "prefer, require, verify-ca, verify-full; or empty",
               parse: database, keyPath: \.database, show: { $0?.description ?? "" }),
        scalar("database_pool_size", "Most connections one node opens to PostgreSQL.",
               expected: "a whole number from 1 to 1000",
               parse: { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } },
               keyPath: \.databasePoolSize, show: { String($0) }),
        ConfigKey(
            name: "runbooks", summary: "Runbook library folders (a list).", expected: "a folder path or a list of them",
            isList: true,
            apply: { configuration, input in
                let folders: [String] =
                    switch input {
                    case .scalar(let value): value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    case .list(let values): values
                    }
                guard !folders.isEmpty, !folders.contains(where: \.isEmpty) else { return false }
                configuration.runbookFolders = folders
                return true
            },
            render: { "[" + $0.runbookFolders.joined(separator: ", ") + "]" }
        ),
        scalar("public_url", "URL senders reach the server at, for printed integration URLs.",
               expected: "an http(s) URL, or empty to derive it from listen",
               parse: publicURL, keyPath: \.publicBaseURL, show: { $0.map(maskingCredentials) ?? "" }),
        scalar("log.format", "Log line format: auto (text on a terminal, else json), json or text.",
               expected: "one of auto, json, text",
               parse: { LogFormatChoice(rawValue: $0.lowercased()) }, keyPath: \.logFormat, show: \.rawValue),
        scalar("log.level", "Lowest level logged.",
               expected: "one of trace, debug, info, notice, warning, error, critical",
               parse: { Logger.Level(rawValue: $0.lowercased()) }, keyPath: \.logLevel, show: \.rawValue),
        scalar("http.max_body", "Largest request body accepted.", expected: "a size like 1MiB, 512KiB or 1048576",
               parse: { ByteSize.parse($0).flatMap { $0 > 0 ? $0 : nil } }, keyPath: \.maxRequestBody,
               show: ByteSize.format),
    ] + httpLimitKeys + [
        duration("retention.age", "Resolved incidents and alerts older than this are pruned.", \.retentionAge),
        duration("retention.interval", "How often the retention job runs.", \.retentionInterval),
        scalar("incidents.auto_resolve", "Resolve an incident once all its alerts are resolved.",
               expected: "true or false", parse: bool, keyPath: \.autoResolveIncidents, show: { String($0) }),
        duration("incidents.reopen_window", "A resolved incident firing again within this reopens.", \.reopenWindow),
        scalar("incidents.match_threshold", "Confidence from which a match names an incident's entry.",
               expected: "a number from 0 to 1, e.g. 0.5", parse: unitInterval, keyPath: \.matchThreshold,
               show: { String($0) }),
        duration("library.poll_interval", "How often the library folders are checked for changes (0: never).",
                 \.libraryPollInterval),
        scalar("sns.auto_confirm", "Confirm SNS subscriptions by fetching their SubscribeURL.",
               expected: "true or false", parse: bool, keyPath: \.snsAutoConfirm, show: { String($0) }),
        duration("shutdown.timeout", "How long in-flight requests get to finish on shutdown.", \.shutdownTimeout),
        scalar("coverage_threshold",
               "Score under which the coverage report counts a key as uncovered; the match threshold unless set.",
               expected: "a number from 0 to 1, e.g. 0.5", parse: unitInterval, keyPath: \.coverageThreshold,
               show: { String($0) }),
    ] + notificationKeys + limitKeys + consoleKeys

    static func scalar<Value>(
        _ name: String, _ summary: String, expected: String,
        parse: @escaping @Sendable (String) -> Value?,
        keyPath: WritableKeyPath<ServerConfiguration, Value> & Sendable,
        show: @escaping @Sendable (Value) -> String
    ) -> ConfigKey {
        ConfigKey(
            name: name, summary: summary, expected: expected, isList: false,
            apply: { configuration, input in
                guard case .scalar(let text) = input, let value = parse(text) else { return false }
                configuration[keyPath: keyPath] = value
                return true
            },
            render: { show($0[keyPath: keyPath]) }
        )
    }

    private static func duration(
        _ name: String, _ summary: String, _ keyPath: WritableKeyPath<ServerConfiguration, Duration> & Sendable
    ) -> ConfigKey {
        scalar(name, summary, expected: "a duration like 90d, 1h, 30s or 1h30m",
               parse: ConfigDuration.parse, keyPath: keyPath, show: ConfigDuration.format)
    }

    /// An empty value chooses SQLite (`.some(nil)`); a URL that is not a valid PostgreSQL location is refused (`nil`).
    static func database(_ text: String) -> PostgresLocation?? {
        if text.isEmpty { return .some(nil) }
        guard let location = try? PostgresLocation(url: text) else { return nil }
        return .some(location)
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }

    private static func unitInterval(_ text: String) -> Double? {
        Double(text).flatMap { (0...1).contains($0) ? $0 : nil }
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }

    /// An empty value clears the URL (`.some(nil)`); anything but an absolute http(s) URL is refused (`nil`).
    static func publicURL(_ text: String) -> String?? {
        if text.isEmpty { return .some(nil) }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host != nil
        else { return nil }
        return .some(text)
    }

    /// Replaces the password of a `scheme://user:password@host` URL with `[OMITTED]`.
    static func maskingCredentials(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "[OMITTED]"
        return components.string?.removingPercentEncoding ?? url
    }
}
