/// What the linter checks and how loudly.
///
/// ```swift
/// var configuration = LintConfiguration()
/// configuration.disabledRules = ["code-language"]
/// configuration.severityOverrides["duplicate-key"] = .error
/// ```
public struct LintConfiguration: Sendable, Hashable {
    /// Rule ids that report nothing.
    public var disabledRules: Set<String>
    /// Severity per rule id, replacing the rule's default.
    public var severityOverrides: [String: Finding.Severity]
    /// A document with at least this many sections (entries) is expected to have a table of contents.
    public var tableOfContentsMinimumSections: Int
    /// The repository around the library; when set, links to its code and folders are checked against it.
    public var repository: LintRepository?

    /// Makes a configuration; the defaults enable every rule at its own severity.
    public init(
        disabledRules: Set<String> = [], severityOverrides: [String: Finding.Severity] = [:],
        tableOfContentsMinimumSections: Int = 8, repository: LintRepository? = nil
    ) {
        self.disabledRules = disabledRules
        self.severityOverrides = severityOverrides
        self.tableOfContentsMinimumSections = tableOfContentsMinimumSections
        self.repository = repository
    }

    /// Whether findings of the rule are reported.
    public func isEnabled(_ ruleID: String) -> Bool {
        !disabledRules.contains(ruleID)
    }

    /// The severity findings of the rule get.
    public func severity(of rule: LintRule) -> Finding.Severity {
        severityOverrides[rule.id] ?? rule.severity
    }
}
