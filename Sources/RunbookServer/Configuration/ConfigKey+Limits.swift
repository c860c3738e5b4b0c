extension ConfigKey {
    /// The HTTP timeouts and load limits (`ServerLimits`), listed after `http.max_body`.
    static let limitKeys: [ConfigKey] = [
        limitDuration("http.header_timeout", "Longest time from a request's first byte to the end of its headers.",
                      \.limits.headerTimeout),
        limitDuration("http.body_timeout", "Longest time from the end of a request's headers to the end of its body.",
                      \.limits.bodyTimeout),
        limitDuration("http.idle_timeout", "Longest time a connection may stay open with no request.",
                      \.limits.idleTimeout),
        limitCount("http.max_connections", "Most connections open at once; more wait in the listen backlog.",
                   \.limits.maxConnections),
        limitCount("http.max_in_flight", "Most requests handled at once; more get 503 with Retry-After.",
                   \.limits.maxInFlight),
        limitCount("http.max_queued_writes", "Most ingest requests waiting for the writer; more get 503.",
                   \.limits.maxQueuedWrites),
        limitDuration("http.heartbeat_interval", "/__heartbeat__ runs its checks at most once per interval.",
                      \.limits.heartbeatInterval),
        limitDuration("http.heartbeat_timeout", "Longest time a heartbeat check may take; it fails after.",
                      \.limits.heartbeatTimeout),
    ]

    private static func limitDuration(
        _ name: String, _ summary: String, _ path: WritableKeyPath<ServerConfiguration, Duration> & Sendable
    ) -> ConfigKey {
        scalar(name, summary, expected: "a positive duration like 10s, 500ms or 1m",
               parse: { ConfigDuration.parse($0).flatMap { $0 > .zero ? $0 : nil } }, keyPath: path,
               show: ConfigDuration.format)
    }

    private static func limitCount(
        _ name: String, _ summary: String, _ path: WritableKeyPath<ServerConfiguration, Int> & Sendable
    ) -> ConfigKey {
        scalar(name, summary, expected: "a whole number of at least 1",
               parse: { Int($0).flatMap { $0 > 0 ? $0 : nil } }, keyPath: path, show: { String($0) })
    }
}
