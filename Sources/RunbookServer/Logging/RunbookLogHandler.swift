import Foundation
import Logging
import RunbookCore

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
        // The event's own metadata wins over the provider's, which wins over the handler's. Merged into the event's,
        // usually the largest (a request summary's eight fields beside the handler's request id), so that the
        // fewest entries are inserted one by one.
        var fields = event.metadata ?? [:]
        if let provided = metadataProvider?.get() {
            fields.merge(provided) { event, _ in event }
        }
        fields.merge(metadata) { newer, _ in newer }
        switch format {
        case .json: output.writeLine(jsonLine(event, fields: &fields))
        case .text: output.write(textLine(event, fields: fields))
        }
    }

    /// The line written by hand (`JSONTextWriter`), newline included: `JSONSerialization` cost more than the
    /// request it logged.
    ///
    /// `fields` is taken `inout` so that adding `level` does not copy the whole dictionary first.
    private func jsonLine(_ event: LogEvent, fields jsonFields: inout Logger.Metadata) -> [UInt8] {
        let type = LogEventName.resolve(event.message.description)
        if let sentence = type.sentence, jsonFields["message"] == nil {
            jsonFields["message"] = .string(sentence)
        }
        jsonFields["level"] = .string(event.level.rawValue)
        if event.level >= .error {
            jsonFields["source"] = .string("\(event.file):\(event.line)")
        }
        var json = JSONTextWriter(escapingSlashes: false, capacity: 512)
        json.literal("{")
        json.key("fields", first: true)
        Self.write(.dictionary(jsonFields), to: &json)
        return finishLine(&json, type: type.name, level: event.level)
    }

    /// Closes a JSON line whose `fields` are written: the keys after it, the closing brace and the newline.
    func finishLine(_ json: inout JSONTextWriter, type: String, level: Logger.Level) -> [UInt8] {
        json.key("hostname", first: false)
        json.string(Self.hostname)
        json.key("logger", first: false)
        json.string(label)
        json.key("pid", first: false)
        json.integer(Int(Self.pid))
        json.key("severity", first: false)
        json.integer(Self.syslogSeverity(level))
        json.key("timestamp", first: false)
        json.string(Self.timestamp(Date()))
        json.key("type", first: false)
        json.string(type)
        json.literal("}\n")
        return json.bytes
    }

    private func textLine(_ event: LogEvent, fields: Logger.Metadata) -> String {
        let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.textValue($0.value))" }
        let message = TerminalText.singleLine("\(event.message)")
        let head = "\(Self.timestamp(Date())) \(event.level.rawValue.uppercased()) \(label): \(message)"
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

    /// Writes a metadata value: strings as strings, booleans and finite numbers as JSON literals, other convertible
    /// values as their description, objects with their keys sorted.
    static func write(_ value: Logger.Metadata.Value, to json: inout JSONTextWriter) {
        switch value {
        case .string(let string):
            json.string(string)
        case .stringConvertible(let convertible):
            switch convertible {
            case let bool as Bool: json.bool(bool)
            case let int as Int: json.integer(int)
            case let double as Double where double.isFinite: try? json.number(double)
            default: json.string(convertible.description)
            }
        case .array(let values):
            json.literal("[")
            for (index, element) in values.enumerated() {
                if index > 0 {
                    json.literal(",")
                }
                write(element, to: &json)
            }
            json.literal("]")
        case .dictionary(let dictionary):
            json.literal("{")
            for (index, pair) in JSONTextWriter.sorted(dictionary).enumerated() {
                json.key(pair.key, first: index == 0)
                write(pair.value, to: &json)
            }
            json.literal("}")
        }
    }

    /// A value as a text line shows it: an alert's control characters and line breaks as symbols
    /// (`TerminalText.singleLine`), so that no value acts on the terminal or forges a line of its own.
    private static func textValue(_ value: Logger.Metadata.Value) -> String {
        let text = TerminalText.singleLine(value.description)
        return text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text
    }

    private static func timestamp(_ date: Date) -> String {
        LogTimestamp.format(date)
    }
}
