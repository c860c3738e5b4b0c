import Foundation
import Logging

/// A swift-log handler writing one JSON object per line, or a plain line for a person at a terminal.
///
/// A JSON line carries `timestamp`, `type` (the log message, a constant such as `request.summary`), `logger`,
/// `hostname`, `severity` (syslog number: 3 error … 7 debug), `pid` and `fields` (the metadata, with
/// `level` and, for errors, `source`):
///
/// ```swift
/// LoggingSystem.bootstrap { label in
///     RunbookLogHandler(label: label, format: .json, level: .info)
/// }
/// ```
public struct RunbookLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level

    let label: String
    let format: LogFormat
    let output: LogOutput

    private static let hostname = ProcessInfo.processInfo.hostName
    private static let pid = ProcessInfo.processInfo.processIdentifier

    /// A handler for the logger named `label`.
    public init(
        label: String, format: LogFormat, level: Logger.Level = .info, output: LogOutput = .standardError,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.output = output
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() {
            fields.merge(provided) { _, new in new }
        }
        if let extra = event.metadata {
            fields.merge(extra) { _, new in new }
        }
        let line =
            switch format {
            case .json: jsonLine(event, fields: fields)
            case .text: textLine(event, fields: fields)
            }
        output.write(line)
    }

    private func jsonLine(_ event: LogEvent, fields: Logger.Metadata) -> String {
        var object: [String: Any] = [
            "timestamp": Self.timestamp(Date()),
            "type": event.message.description,
            "logger": label,
            "hostname": Self.hostname,
            "severity": Self.syslogSeverity(event.level),
            "pid": Int(Self.pid),
        ]
        var jsonFields = fields.mapValues(Self.jsonValue)
        jsonFields["level"] = event.level.rawValue
        if event.level >= .error {
            jsonFields["source"] = "\(event.file):\(event.line)"
        }
        object["fields"] = jsonFields
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options))
            ?? Data(#"{"type":"log.unencodable"}"#.utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private func textLine(_ event: LogEvent, fields: Logger.Metadata) -> String {
        let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.textValue($0.value))" }
        let head = "\(Self.timestamp(Date())) \(event.level.rawValue.uppercased()) \(label): \(event.message)"
        return ([head] + pairs).joined(separator: " ")
    }

    static func syslogSeverity(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func jsonValue(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible):
            switch convertible {
            case let bool as Bool: bool
            case let int as Int: int
            case let double as Double where double.isFinite: double
            default: convertible.description
            }
        case .array(let values): values.map(jsonValue)
        case .dictionary(let dictionary): dictionary.mapValues(jsonValue)
        }
    }

    private static func textValue(_ value: Logger.Metadata.Value) -> String {
        let text = value.description
        return text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
