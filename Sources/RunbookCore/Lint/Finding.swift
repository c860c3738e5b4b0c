/// One problem lint found in a runbook library.
public struct Finding: Sendable, Hashable, Codable {
    /// Stable rule id, e.g. `missing-mitigation`.
    public var rule: String
    public var severity: Severity
    /// Document path relative to its library folder.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// What is wrong and how to fix it.
    public var message: String

    public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        case info, warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .error]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    public init(rule: String, severity: Severity, file: String, line: Int, message: String) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }
}
