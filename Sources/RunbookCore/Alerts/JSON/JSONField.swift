import Foundation

/// A value looked up in a payload, with its JSON path, so that every type check can name the field it failed on.
struct JSONField: Sendable {
    /// The value found, or nil when the key is absent.
    let value: JSONValue?
    /// `alerts[2].labels`; empty for the whole body.
    let path: String

    init(_ value: JSONValue?, path: String = "") {
        self.value = value
        self.path = path
    }

    subscript(key: String) -> JSONField {
        let childPath = path.isEmpty ? key : "\(path).\(key)"
        guard case .object(let object) = value else { return JSONField(nil, path: childPath) }
        return JSONField(object[key], path: childPath)
    }

    /// The field is absent or null.
    var isAbsent: Bool {
        value == nil || value == .null
    }

    private func mismatch(_ expected: String) -> AlertDecodingError {
        guard let value, value != .null else { return .missing(field: path, expected: expected) }
        return .wrongKind(field: path, expected: expected, found: value.kindName)
    }

    /// A string, or nil when absent or null; any other kind is an error.
    func string() throws(AlertDecodingError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw mismatch("a string")
        }
    }

    /// A string that must be there.
    func requiredString() throws(AlertDecodingError) -> String {
        guard case .string(let text)? = value else { throw mismatch("a string") }
        return text
    }

    /// A string, number or boolean as text (ids arrive as either); nil when absent or null.
    func scalar() throws(AlertDecodingError) -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.scalarText else { throw mismatch("a string or a number") }
        return text
    }

    /// An object, or nil when absent or null; `expected` names it in the error (`an alert object`).
    func object(expected: String = "an object") throws(AlertDecodingError) -> JSONObject? {
        switch value {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default: throw mismatch(expected)
        }
    }

    /// An array's elements as fields (`alerts[0]`, `alerts[1]`…), or nil when absent or null.
    func elements(expected: String = "an array") throws(AlertDecodingError) -> [JSONField]? {
        switch value {
        case nil, .null?: return nil
        case .array(let elements)?:
            return elements.enumerated().map { JSONField($0.element, path: "\(path)[\($0.offset)]") }
        default: throw mismatch(expected)
        }
    }

    /// An object whose values are all strings (labels, annotations); nil when absent or null.
    func stringMap() throws(AlertDecodingError) -> [String: String]? {
        let expected = "an object of strings"
        switch value {
        case nil, .null?: return nil
        case .object(let object)?:
            var map: [String: String] = [:]
            for key in object.keys {
                guard case .string(let text)? = object[key] else {
                    let found = object[key]?.kindName ?? "null"
                    throw .wrongKind(field: path, expected: expected, found: "\(found) at key \"\(key)\"")
                }
                map[key] = text
            }
            return map
        default:
            throw mismatch(expected)
        }
    }

    /// A time: RFC 3339 text, a naive `YYYY-MM-DDTHH:MM:SS` (UTC), or epoch seconds/milliseconds.
    func date() throws(AlertDecodingError) -> Date? {
        guard let text = try scalar(), !text.isEmpty, !Timestamp.isZeroTime(text) else { return nil }
        guard let date = Timestamp.parse(text) else { throw .badTimestamp(field: path, value: text) }
        return date
    }
}
