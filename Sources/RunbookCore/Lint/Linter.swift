/// Checks a runbook library against the style guide and against what breaks during incidents.
///
/// The linter reads parsed documents only; the caller lists the files that exist so that file links can be
/// checked without I/O.
/// ```swift
/// let findings = Linter().lint(library, existingFiles: ["ops.md", "images/flow.png"])
/// print(LintReport.render(findings, format: .text, toolVersion: "1.0.0"))
/// ```
public struct Linter: Sendable {
    /// Which rules run and at what severity.
    public var configuration: LintConfiguration

    /// Makes a linter with the given configuration.
    public init(configuration: LintConfiguration = .init()) {
        self.configuration = configuration
    }

    /// Every finding of the enabled rules, sorted by file, line and rule.
    ///
    /// `existingFiles` holds every file path in the library folders, relative to its folder with forward slashes
    /// and prefixed like `Document.file`. When it is empty, only links to Markdown files are checked, against the
    /// library's own documents.
    public func lint(_ library: Library, existingFiles: Set<String> = []) -> [Finding] {
        let context = LintContext(library: library, existingFiles: existingFiles, configuration: configuration)
        let checks: [any LintCheck] = [
            TableOfContentsCheck(), LinkCheck(), PartCheck(), StubCheck(), VariableHeadingCheck(), SecretCheck(),
            CodeLanguageCheck(), DuplicateKeyCheck(),
        ]
        let findings = checks
            .filter { check in check.rules.contains { configuration.isEnabled($0.id) } }
            .flatMap { $0.findings(in: context) }
            .filter { configuration.isEnabled($0.rule) }
            .map { finding in
                var finding = finding
                if let override = configuration.severityOverrides[finding.rule] { finding.severity = override }
                return finding
            }
        return findings.sorted(by: Self.reportOrder)
    }

    static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        return lhs.message < rhs.message
    }
}
