import Foundation

/// Writes lint findings for people, for tools and for CI.
///
/// ```swift
/// let output = LintReport.render(findings, format: .sarif, toolVersion: "1.0.0")
/// ```
public enum LintReport {
    /// The findings in the given format; `toolVersion` goes into SARIF's `tool.driver.version`.
    public static func render(_ findings: [Finding], format: LintFormat, toolVersion: String) -> String {
        switch format {
        case .text: return text(findings)
        case .json: return json(findings)
        case .sarif: return sarif(findings, toolVersion: toolVersion)
        case .github: return github(findings)
        }
    }

    /// `file:line: severity rule message`, one finding per line (line breaks in messages become spaces).
    static func text(_ findings: [Finding]) -> String {
        findings.map { finding in
            let message = finding.message.components(separatedBy: .newlines).joined(separator: " ")
                .trimmingCharacters(in: .whitespaces)
            return "\(finding.file):\(finding.line): \(finding.severity.rawValue) \(finding.rule) \(message)\n"
        }.joined()
    }

    /// `{"findings": [...]}` with keys in the order rule, severity, file, line, message.
    static func json(_ findings: [Finding]) -> String {
        let items = findings.map { finding -> ReportJSON in
            .object([
                ("rule", .string(finding.rule)), ("severity", .string(finding.severity.rawValue)),
                ("file", .string(finding.file)), ("line", .int(finding.line)), ("message", .string(finding.message)),
            ])
        }
        return ReportJSON.object([("findings", .array(items))]).rendered() + "\n"
    }
}
