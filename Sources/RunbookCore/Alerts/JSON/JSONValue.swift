/// A parsed JSON value; numbers keep their literal text so ids like `1902117733640052771` survive unchanged.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// How an error message names this kind of value: `a string`, `an object`…
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as text when it is a scalar (string, number, boolean), else nil.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(let literal): literal
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}

/// A JSON object that remembers the order its keys came in (the last of repeated keys wins).
struct JSONObject: Sendable, Hashable {
    private(set) var keys: [String] = []
    private(set) var values: [String: JSONValue] = [:]
    /// The first key of each folded spelling, so `loose` costs one lookup per name, not a pass over the keys.
    private var folded: [String: String] = [:]

    subscript(key: String) -> JSONValue? {
        values[key]
    }

    mutating func set(_ key: String, _ value: JSONValue) {
        if values.updateValue(value, forKey: key) == nil {
            keys.append(key)
            let fold = Self.fold(key)
            if folded[fold] == nil { folded[fold] = key }
        }
    }

    /// The value of the first key that matches one of `names`, ignoring case, underscores and dashes.
    func loose(_ names: [String]) -> (key: String, value: JSONValue)? {
        for name in names {
            if let found = loose(folded: Self.fold(name)) { return found }
        }
        return nil
    }

    /// The value of the first key whose folded spelling (see `fold`) is `folded`.
    func loose(folded name: String) -> (key: String, value: JSONValue)? {
        guard let key = folded[name], let value = values[key] else { return nil }
        return (key, value)
    }

    /// A key as `loose` compares it: lowercased, without `_`, `-` and `$`.
    ///
    /// Every key of every parsed object is folded; most (`alertname`, `labels`, `startsat`…) are already folded,
    /// and are given back as they are, without the two passes and allocations of lowercasing and filtering.
    static func fold(_ key: String) -> String {
        let isFolded = key.utf8.allSatisfy { byte in
            byte < 0x80 && !(byte >= 0x41 && byte <= 0x5A) && byte != 0x5F && byte != 0x2D && byte != 0x24
        }
        if isFolded { return key }
        return String(key.lowercased().filter { $0 != "_" && $0 != "-" && $0 != "$" })
    }
}
