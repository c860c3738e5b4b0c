@testable import RunbookCore

/// Writes a parsed JSON value back as text, keeping key order and number literals, so fixtures read from
/// `../shared` reach the decoders exactly as a sender would post them.
enum JSONText {
    static func write(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let text): return ReportJSON.quoted(text)
        case .array(let elements): return "[" + elements.map(write).joined(separator: ",") + "]"
        case .object(let object):
            let members = object.keys.map { key in "\(ReportJSON.quoted(key)):\(write(object[key] ?? .null))" }
            return "{" + members.joined(separator: ",") + "}"
        }
    }
}
