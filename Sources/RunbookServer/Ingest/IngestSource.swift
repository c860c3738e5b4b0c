import RunbookCore

/// A source an ingestion path names, with the decoder format its payloads are read in.
///
/// Only sources with a webhook decoder are served: `text` alerts come from the CLI, not over HTTP.
struct IngestSource: Sendable, Hashable {
    let source: AlertSource
    let format: AlertFormat

    /// Every source served, in the order error messages list them.
    static let all: [IngestSource] = [
        IngestSource(source: .alertmanager, format: .alertmanager),
        IngestSource(source: .sentry, format: .sentry),
        IngestSource(source: .pingdom, format: .pingdom),
        IngestSource(source: .datadog, format: .datadog),
        IngestSource(source: .cloudwatch, format: .cloudwatchSNS),
        IngestSource(source: .generic, format: .generic),
    ]

    /// The served source named `name` in a path, else nil.
    static func named(_ name: String) -> IngestSource? {
        all.first { $0.source.rawValue == name }
    }

    /// The names of every served source, for error messages: `alertmanager, sentry, …`.
    static var names: String {
        all.map(\.source.rawValue).joined(separator: ", ")
    }
}
