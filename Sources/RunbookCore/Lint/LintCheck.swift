/// A group of related rules implemented together over the whole library.
protocol LintCheck: Sendable {
    /// The rules whose findings this check produces.
    var rules: [LintRule] { get }

    /// Findings at each rule's default severity; the linter filters and re-grades them.
    func findings(in context: LintContext) -> [Finding]
}

extension LintRule {
    /// A finding of this rule at its default severity.
    func finding(_ file: String, line: Int, _ message: String) -> Finding {
        Finding(rule: id, severity: severity, file: file, line: max(line, 1), message: message)
    }
}
