/// How `LintReport` writes findings.
public enum LintFormat: String, CaseIterable, Sendable {
    /// `file:line: severity rule message`, one finding per line.
    case text
    /// `{"findings": [{"rule", "severity", "file", "line", "message"}]}`.
    case json
    /// SARIF 2.1.0, for code-scanning tools.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…,line=…,title=…::…`): annotations on a pull request.
    case github
}
