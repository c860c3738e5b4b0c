import Foundation

extension AlertDecoder {
    /// Recognises the source of a payload from its JSON shape; a JSON array is `.generic` (and then refused), any
    /// other body that is not a JSON object is `.text`.
    ///
    /// Unknown JSON objects are `.generic`, which accepts any object. Detection never throws: a payload that
    /// looks like a source but is malformed is detected as that source, so decoding can say what is wrong.
    public static func detect(_ data: Data) -> AlertFormat {
        switch try? JSONParser.parse(data) {
        case .object(let object)?: return detect(object)
        // A JSON array is no alert text either; generic then says that it expects an object.
        case .array?: return .generic
        default: return isJSONContainer(data) ? .generic : .text
        }
    }

    static func detect(_ object: JSONObject) -> AlertFormat {
        let has = { (key: String) in object[key] != nil }
        if case .array? = object["alerts"], has("groupKey") || has("receiver") || has("version") || has("status") {
            return .alertmanager
        }
        if case .string(let type)? = object["Type"], has("TopicArn") || has("MessageId") || type == "Notification" {
            return .cloudwatchSNS
        }
        if has("AlarmName"), has("NewStateValue") {
            return .cloudwatchSNS
        }
        if has("check_id"), has("current_state") || has("check_name") {
            return .pingdom
        }
        if case .object(let data)? = object["data"], has("action"), data["event"] != nil || data["issue"] != nil {
            return .sentry
        }
        if has("culprit"), has("project") || has("project_name") || has("project_slug") {
            return .sentry
        }
        if has("event_action") || has("routing_key") {
            return .generic
        }
        let datadogKeys = ["alert_transition", "alert_cycle_key", "aggreg_key", "alert_status"]
        if object.loose(datadogKeys) != nil || (has("event_type") && has("last_updated") && has("body")) {
            return .datadog
        }
        return .generic
    }

    /// A body that starts like a JSON array or object but is no object is generic (and then a clear error), not
    /// free text: text never starts with `[` followed by `{`, `[`, `"` or `]`.
    private static func isJSONContainer(_ data: Data) -> Bool {
        let significant = data.prefix(64).filter { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        guard let first = significant.first else { return false }
        if first == UInt8(ascii: "{") { return true }
        guard first == UInt8(ascii: "["), significant.count > 1 else { return false }
        return "{[\"]".utf8.contains(significant[significant.startIndex + 1])
    }
}
