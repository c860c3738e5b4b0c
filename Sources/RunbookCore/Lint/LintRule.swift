/// One lint rule: a stable id, the severity it reports at by default, and what it checks.
///
/// The catalogue is `LintRule.all`; `runbook lint --rules` and SARIF `rules[]` list it.
/// ```swift
/// for rule in LintRule.all { print(rule.id, rule.severity, rule.summary) }
/// ```
public struct LintRule: Sendable, Hashable, Identifiable {
    /// Stable id, e.g. `broken-anchor`.
    public var id: String
    /// Severity of its findings unless the configuration overrides it.
    public var severity: Finding.Severity
    /// One line: what the rule checks, including how it decides borderline cases.
    public var summary: String

    /// Makes a rule description.
    ///
    /// Rules are a fixed catalogue; this initialiser exists for tests and tools that list rules.
    public init(id: String, severity: Finding.Severity, summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}

extension LintRule {
    static let tocMissing = LintRule(
        id: "toc-missing", severity: .warning,
        summary: "A document with many sections at its top two levels (a lone title aside; "
            + "LintConfiguration.tableOfContentsMinimumSections) has no table of contents: a list of links to its "
            + "own headings near the top, or a [[_TOC_]] / [TOC] / <!-- toc --> marker."
    )
    static let tocOutOfDate = LintRule(
        id: "toc-out-of-date", severity: .warning,
        summary: "The table of contents links a heading that does not exist, or misses a heading at the levels it "
            + "lists (its top level and the one below)."
    )
    static let brokenAnchor = LintRule(
        id: "broken-anchor", severity: .error,
        summary: "A link to #anchor, or to other.md#anchor, names no heading (GitHub slug, -1/-2 for repeats) "
            + "and no <a name/id> in that document."
    )
    static let brokenFileLink = LintRule(
        id: "broken-file-link", severity: .error,
        summary: "A relative link to a Markdown file or an image points at a file that is not in the library folder "
            + "(./ and ../ are resolved; URLs with a scheme, mailto: and site-absolute /paths are not checked). "
            + "Links to the repository's code and folders are checked only against LintConfiguration.repository "
            + "(--repo-root)."
    )
    static let missingDiagnosis = LintRule(
        id: "missing-diagnosis", severity: .warning,
        summary: "An alert-keyed entry has no Diagnosis part (Symptoms, Causes, or a sub-section named for "
            + "diagnosis or troubleshooting count as one). Alert-keyed: "
            + "its heading names an alert (CamelCase alert name or [FIRING/[Prometheus]/[Pingdom] prefix) or it "
            + "already has Meaning/Impact/Diagnosis/Mitigation-style parts; sections holding only sub-entries are not."
    )
    static let missingMitigation = LintRule(
        id: "missing-mitigation", severity: .warning,
        summary: "An alert-keyed entry has no Mitigation part (Resolution, Remediation, or a sub-section named for "
            + "mitigation, recovery or a fix count as one). "
            + "Alert-keyed as for missing-diagnosis."
    )
    static let stubEntry = LintRule(
        id: "stub-entry", severity: .warning,
        summary: "An entry is marked as unfinished (STUB, TODO, TBD, FIXME, WIP or 'needs love' in its heading), "
            + "has an essentially empty body (under three words, no links, code or sub-entries), or has a part that "
            + "says only N/A, None, TODO or '-'."
    )
    static let variableHeading = LintRule(
        id: "variable-heading", severity: .warning,
        summary: "A heading carries parts that change from alert to alert ([FIRING:1] counters, IP addresses, "
            + "ip-10-… hosts, UUIDs, long hex ids, quoted user names, timestamps); the boiled-down key is suggested."
    )
    static let secret = LintRule(
        id: "secret", severity: .error,
        summary: "A secret is pasted into a document: AWS keys, GitHub or Slack tokens, Slack webhook URLs, private "
            + "key blocks, passwords in URLs or password = \"literal\". Placeholders and AWS's documented "
            + "…EXAMPLE keys are not secrets."
    )
    static let codeLanguage = LintRule(
        id: "code-language", severity: .info,
        summary: "A fenced code block has no language; name one (console, bash, yaml, text…) so it renders and "
            + "runs as intended."
    )
    static let duplicateKey = LintRule(
        id: "duplicate-key", severity: .warning,
        summary: "Two alert-keyed entries of the library have the same key (the alert name and service words left "
            + "after boiling the heading), so an alert cannot tell them apart."
    )

    /// Every rule, in the order they are documented.
    public static let all: [LintRule] = [
        tocMissing, tocOutOfDate, brokenAnchor, brokenFileLink, missingDiagnosis, missingMitigation, stubEntry,
        variableHeading, secret, codeLanguage, duplicateKey, staleBinding,
    ]

    /// The rule with the given id, if there is one.
    public static func named(_ id: String) -> LintRule? {
        all.first { $0.id == id }
    }
}
