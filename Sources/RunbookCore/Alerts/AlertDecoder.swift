import Foundation

/// Turns a webhook body or a piece of text into normalised ``Alert`` values.
///
/// One payload can carry several alerts (an Alertmanager group). Every type check names the field it failed on, so
/// a sender gets an error it can act on; hostile input (deep nesting, huge strings, invalid UTF-8) fails cleanly.
///
/// ```swift
/// let alerts = try AlertDecoder.decode(body, format: .auto, receivedAt: Date())
/// ```
public enum AlertDecoder {
    /// Decodes `data` in `format`; `.auto` detects the source first.
    ///
    /// - Parameter receivedAt: when the payload arrived; the start time of alerts whose source gives none.
    /// - Parameter limits: how much one payload may carry; a payload over one throws an error whose `limit` is set.
    /// - Throws: ``AlertDecodingError`` naming the field that is missing, of the wrong kind, or over a limit.
    public static func decode(
        _ data: Data, format: AlertFormat, receivedAt: Date, limits: AlertLimits = AlertLimits()
    ) throws -> [Alert] {
        try decodeTyped(data, format: format, receivedAt: receivedAt, limits: limits)
    }

    /// `readingBytes: false` skips `AlertmanagerBodyReader`, for tests that compare it with the general way.
    static func decodeTyped(
        _ data: Data, format: AlertFormat, receivedAt: Date, limits: AlertLimits = AlertLimits(),
        readingBytes: Bool = true
    ) throws(AlertDecodingError) -> [Alert] {
        // The plain Alertmanager shape is read from the bytes; anything else, errors included, the general way.
        if readingBytes, format == .alertmanager || format == .auto,
            let read = AlertmanagerBodyReader.read(data, receivedAt: receivedAt, limits: limits),
            format == .alertmanager || read.looksLikeAlertmanager
        {
            return read.alerts
        }
        let resolved = format == .auto ? detect(data) : format
        if resolved == .alertmanager {
            let root = JSONField(try parseJSON(data))
            guard try root.object(expected: "a JSON object") != nil else {
                throw .missing(field: "", expected: "a JSON object")
            }
            return try AlertmanagerDecoder.decode(root, receivedAt: receivedAt, limits: limits)
        }
        guard let alert = try decodeOne(data, format: resolved, receivedAt: receivedAt) else { return [] }
        try limits.check([alert])
        return [alert]
    }

    /// The payload's alert, or nil for a sender's event that is about no alert (a PagerDuty service change).
    private static func decodeOne(
        _ data: Data, format resolved: AlertFormat, receivedAt: Date
    ) throws(AlertDecodingError) -> Alert? {
        if resolved == .text {
            return try TextDecoder.decode(data, receivedAt: receivedAt)
        }
        let root = JSONField(try parseJSON(data))
        guard let object = try root.object(expected: "a JSON object") else {
            throw .missing(field: "", expected: "a JSON object")
        }
        try resolved.checkRequiredFields(object)
        switch resolved {
        case .sentry: return try SentryDecoder.decode(root, receivedAt: receivedAt)
        case .pingdom: return try PingdomDecoder.decode(root, receivedAt: receivedAt)
        case .datadog: return try DatadogDecoder.decode(root, receivedAt: receivedAt)
        case .cloudwatchSNS: return try CloudWatchDecoder.decode(root, receivedAt: receivedAt)
        case .generic, .auto, .text, .alertmanager:
            if PagerDutyWebhookDecoder.isWebhook(object) {
                return try PagerDutyWebhookDecoder.decode(root, receivedAt: receivedAt)
            }
            return try GenericDecoder.decode(root, receivedAt: receivedAt)
        }
    }

    static func parseJSON(_ data: Data) throws(AlertDecodingError) -> JSONValue {
        do {
            return try JSONParser.parse(data)
        } catch {
            throw .notJSON("invalid JSON at byte \(error.offset): \(error.message)")
        }
    }
}
