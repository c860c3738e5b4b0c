import Foundation

/// One condition on an alert label, as routes and silences write it: `name=value`, `name!=value`,
/// `name=~regex` or `name!~regex`.
///
/// Regular expressions must match the whole label value (they are anchored, as in Alertmanager). A label
/// the alert does not have reads as the empty string, so `team!=db` holds for an alert without a `team`.
///
/// Regular expressions come from users and are evaluated inside the ingest transaction, so they are
/// ``BoundedRegex`` values: linear-time, limited in length and size when the matcher is made, and run under a
/// step budget. A match abandoned for its budget counts as the condition not holding, for `=~` and `!~` alike:
/// a silence then does not silence, and a route is not taken, so an alert is notified rather than lost.
///
/// ```swift
/// let matcher = try LabelMatcher(parsing: "app=~xq.*")
/// matcher.matches(["app": "xqwatcher"])   // true
/// ```
public struct LabelMatcher: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var op: Operator
    public var value: String
    private let pattern: BoundedRegex?

    /// How a label is compared.
    public enum Operator: String, Sendable, Hashable, Codable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case notMatchesRegex = "!~"

        /// True for the two regular-expression operators.
        public var isRegex: Bool {
            self == .matchesRegex || self == .notMatchesRegex
        }
    }

    /// Builds a matcher; throws `LabelMatcherError` for an empty name, or a regular expression that is invalid or
    /// over the limits of ``BoundedRegex``.
    public init(name: String, op: Operator, value: String) throws {
        try self.init(name: name, op: op, value: value, lenient: false)
    }

    /// With `lenient`, a regular expression that no longer compiles (a matcher stored before the limits) leaves
    /// a matcher that never holds, rather than making the stored silence or route unreadable.
    private init(name: String, op: Operator, value: String, lenient: Bool) throws {
        guard LabelMatcher.isValidName(name) else {
            throw LabelMatcherError(text: "\(name)\(op.rawValue)\(value)", reason: "the label name is empty or invalid")
        }
        self.name = name
        self.op = op
        self.value = value
        if op.isRegex {
            do {
                pattern = try BoundedRegex(value)
            } catch {
                guard lenient else {
                    let shown = value.count > 80 ? String(value.prefix(80)) + "…" : value
                    throw LabelMatcherError(
                        text: "\(name)\(op.rawValue)\(shown)",
                        reason: error.isLimit
                            ? "the regular expression is over a limit: \(error.reason)"
                            : "`\(shown)` is not a valid regular expression: \(error.reason)",
                        isLimit: error.isLimit)
                }
                pattern = nil
            }
        } else {
            pattern = nil
        }
    }

    /// Parses `name=value`, `name!=value`, `name=~regex` or `name!~regex`; the value may be double-quoted.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let split = LabelMatcher.split(trimmed) else {
            throw LabelMatcherError(text: text, reason: "expected name=value, name!=value, name=~regex or name!~regex")
        }
        var value = split.value.trimmingCharacters(in: .whitespaces)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        try self.init(name: split.name.trimmingCharacters(in: .whitespaces), op: split.op, value: value)
    }

    /// True when the alert's labels satisfy the condition.
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        switch op {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matchesRegex: return pattern?.matchesWhole(actual) ?? false
        case .notMatchesRegex: return pattern?.matchesWhole(actual).map { !$0 } ?? false
        }
    }

    /// The matcher as it is written: `name=~regex`.
    public var description: String {
        "\(name)\(op.rawValue)\(value)"
    }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.op == rhs.op && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(op)
        hasher.combine(value)
    }

    private enum CodingKeys: String, CodingKey {
        case name, op, value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: container.decode(String.self, forKey: .name), op: container.decode(Operator.self, forKey: .op),
            value: container.decode(String.self, forKey: .value), lenient: true
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(op, forKey: .op)
        try container.encode(value, forKey: .value)
    }

    private static func split(_ text: String) -> (name: String, op: Operator, value: String)? {
        guard let index = text.firstIndex(where: { $0 == "=" || $0 == "!" }) else { return nil }
        let rest = text[index...]
        let op: Operator
        if rest.hasPrefix("=~") {
            op = .matchesRegex
        } else if rest.hasPrefix("!~") {
            op = .notMatchesRegex
        } else if rest.hasPrefix("!=") {
            op = .notEqual
        } else if rest.hasPrefix("=") {
            op = .equal
        } else {
            return nil
        }
        let valueStart = text.index(index, offsetBy: op.rawValue.count)
        return (String(text[..<index]), op, String(text[valueStart...]))
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !CharacterSet.decimalDigits.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "." || $0 == "-" || CharacterSet.alphanumerics.contains($0)
        }
    }
}

/// A matcher that could not be read: the text and what was wrong with it.
public struct LabelMatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String
    /// True when the matcher is well-formed but its regular expression is over a length or complexity limit.
    public var isLimit: Bool

    /// An error about the matcher `text`.
    public init(text: String, reason: String, isLimit: Bool = false) {
        self.text = text
        self.reason = reason
        self.isLimit = isLimit
    }

    public var description: String {
        "invalid matcher `\(text)`: \(reason)"
    }
}
