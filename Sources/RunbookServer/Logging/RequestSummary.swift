import Logging
import RunbookCore

/// The fields of one `request.summary` line, as `RequestLoggingMiddleware` gathers them.
///
/// `RunbookLogHandler` writes them straight into its JSON line (`write(_:)`), without a `Logger.Metadata`
/// dictionary. At one line per request, building that dictionary, merging it with the handler's and sorting its keys
/// cost more than writing the line. Any other handler, and the text format, get `metadata` through swift-log: the
/// same fields, the same line.
struct RequestSummary: Sendable {
    var method: String
    /// The path and query, secrets redacted (`Redaction.redactedPath`).
    var path: String
    var pathTemplate: String
    var status: Int
    /// Rounded to the microsecond.
    var durationMilliseconds: Double
    var trivial: Bool
    var client: String?
    var userAgent: String?
    /// Every header, secrets redacted; only at `debug`.
    var headers: [String: String]?

    /// The fields as swift-log metadata.
    var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = [
            "method": .string(method),
            "path": .string(path),
            "path_template": .string(pathTemplate),
            "status": .stringConvertible(status),
            "duration_ms": .stringConvertible(durationMilliseconds),
            "trivial": .stringConvertible(trivial),
        ]
        if let client {
            metadata["client"] = .string(client)
        }
        if let userAgent {
            metadata["user_agent"] = .string(userAgent)
        }
        if let headers {
            metadata["headers"] = .dictionary(headers.mapValues { .string($0) })
        }
        return metadata
    }
}

extension RunbookLogHandler {
    /// Writes `summary` as an info `request.summary` line in the JSON format, byte for byte the line
    /// `logger.info("request.summary", metadata: summary.metadata)` writes.
    ///
    /// The summary's fields are written in their sorted order. The few other fields (the provider's and the handler's
    /// metadata, such as Hummingbird's request id) are sorted on their own and written in between, unless the summary
    /// has a field of that name: an event's metadata wins over the rest, as in `log(event:)`.
    func write(_ summary: RequestSummary) {
        var others = metadataProvider?.get() ?? [:]
        others.merge(metadata) { provided, _ in provided }
        var pending = JSONTextWriter.sorted(others)[...]
        var json = JSONTextWriter(escapingSlashes: false, capacity: 512)
        json.literal("{")
        json.key("fields", first: true)
        json.literal("{")
        var first = true
        func field(_ key: String, _ value: (inout JSONTextWriter) -> Void) {
            while let next = pending.first, next.key.utf8.lexicographicallyPrecedes(key.utf8) {
                json.key(next.key, first: first)
                first = false
                Self.write(next.value, to: &json)
                pending.removeFirst()
            }
            if pending.first?.key == key {
                pending.removeFirst()
            }
            json.key(key, first: first)
            first = false
            value(&json)
        }
        if let client = summary.client {
            field("client") { $0.string(client) }
        }
        field("duration_ms") { try? $0.number(summary.durationMilliseconds) }
        if let headers = summary.headers {
            field("headers") { $0.stringMap(headers) }
        }
        field("level") { $0.string(Logger.Level.info.rawValue) }
        field("method") { $0.string(summary.method) }
        field("path") { $0.string(summary.path) }
        field("path_template") { $0.string(summary.pathTemplate) }
        field("status") { $0.integer(summary.status) }
        field("trivial") { $0.bool(summary.trivial) }
        if let userAgent = summary.userAgent {
            field("user_agent") { $0.string(userAgent) }
        }
        for (key, value) in pending {
            json.key(key, first: first)
            first = false
            Self.write(value, to: &json)
        }
        json.literal("}")
        output.writeLine(finishLine(&json, type: "request.summary", level: .info))
    }
}
