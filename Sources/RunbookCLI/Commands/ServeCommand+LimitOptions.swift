import ArgumentParser
import RunbookServer

extension ServeCommand {
    /// The HTTP timeouts and load limits as flags (`ServerLimits`), kept apart from the other settings' flags.
    struct LimitOptions: ParsableArguments {
        @Option(name: .customLong("http-header-timeout"),
                help: "Longest time from a request's first byte to the end of its headers [default: 10s].")
        var headerTimeout: String?

        @Option(name: .customLong("http-body-timeout"),
                help: "Longest time from the end of a request's headers to the end of its body [default: 30s].")
        var bodyTimeout: String?

        @Option(name: .customLong("http-idle-timeout"),
                help: "Close a connection with no request for this long [default: 60s].")
        var idleTimeout: String?

        @Option(name: .customLong("http-max-connections"), help: "Most connections open at once [default: 1024].")
        var maxConnections: String?

        @Option(name: .customLong("http-max-in-flight"),
                help: "Most requests handled at once; more get 503 [default: 256].")
        var maxInFlight: String?

        @Option(name: .customLong("http-max-queued-writes"),
                help: "Most ingest requests waiting for the database writer; more get 503 [default: 2048].")
        var maxQueuedWrites: String?

        @Option(name: .customLong("http-heartbeat-interval"),
                help: "/__heartbeat__ runs its checks at most once per interval [default: 2s].")
        var heartbeatInterval: String?

        @Option(name: .customLong("http-heartbeat-timeout"),
                help: "A heartbeat check running longer fails [default: 5s].")
        var heartbeatTimeout: String?

        /// The flags given, by setting name.
        var flags: [String: ConfigInput] {
            let scalars: [(String, String?)] = [
                ("http.header_timeout", headerTimeout), ("http.body_timeout", bodyTimeout),
                ("http.idle_timeout", idleTimeout), ("http.max_connections", maxConnections),
                ("http.max_in_flight", maxInFlight), ("http.max_queued_writes", maxQueuedWrites),
                ("http.heartbeat_interval", heartbeatInterval), ("http.heartbeat_timeout", heartbeatTimeout),
            ]
            var flags: [String: ConfigInput] = [:]
            for case let (name, value?) in scalars {
                flags[name] = .scalar(value)
            }
            return flags
        }
    }
}
