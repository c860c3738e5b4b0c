/// A part of the config file kept with its structure, for the file-only settings that are more than one value
/// (notification channels and routes).
public indirect enum ConfigTree: Sendable, Equatable {
    /// A single value; an empty or null value is the empty string.
    case scalar(String, line: Int?)
    case list([ConfigTree], line: Int?)
    case mapping([Entry], line: Int?)

    /// One key of a mapping, with the line the key is written on.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: ConfigTree
        public var line: Int?

        /// An entry from its parts.
        public init(key: String, value: ConfigTree, line: Int?) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// The line the value starts on.
    public var line: Int? {
        switch self {
        case .scalar(_, let line), .list(_, let line), .mapping(_, let line): line
        }
    }

    /// The scalar's text; nil for a list or a mapping.
    public var scalarText: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// A scalar as a one-element list, a list of scalars as their texts; nil when anything else.
    public var scalarList: [String]? {
        switch self {
        case .scalar(let text, _): text.isEmpty ? [] : [text]
        case .list(let items, _): items.allSatisfy { $0.scalarText != nil } ? items.compactMap(\.scalarText) : nil
        case .mapping: nil
        }
    }

    /// What the value is, for messages: `a mapping`, `a list`, `a value`.
    public var kindName: String {
        switch self {
        case .scalar: "a value"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }
}
