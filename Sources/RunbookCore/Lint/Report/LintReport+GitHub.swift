import Foundation

extension LintReport {
    /// One workflow command per finding: `::error file=F,line=L,title=RULE::MESSAGE` (`warning`, `notice`).
    static func github(_ findings: [Finding]) -> String {
        findings.map { finding in
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            let properties = "file=\(escapeProperty(finding.file)),line=\(finding.line),"
                + "title=\(escapeProperty(finding.rule))"
            return "::\(command) \(properties)::\(escapeData(finding.message))\n"
        }.joined()
    }

    /// Escapes a command's message as the Actions runner expects: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value: as data, plus `:` and `,`, which separate properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text)
            .replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}
