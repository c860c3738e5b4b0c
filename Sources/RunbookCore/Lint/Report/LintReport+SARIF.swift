extension LintReport {
    static let sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// A SARIF 2.1.0 log with one run: the rule catalogue and one result per finding.
    static func sarif(_ findings: [Finding], toolVersion: String) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: LintRule.all.enumerated().map { ($1.id, $0) })
        let rules = LintRule.all.map { rule -> ReportJSON in
            .object([
                ("id", .string(rule.id)),
                ("shortDescription", .object([("text", .string(rule.summary))])),
                ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ])
        }
        let results = findings.map { finding -> ReportJSON in
            var members: [(String, ReportJSON)] = [("ruleId", .string(finding.rule))]
            if let index = ruleIndex[finding.rule] { members.append(("ruleIndex", .int(index))) }
            members += [
                ("level", .string(level(finding.severity))),
                ("message", .object([("text", .string(finding.message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(uri(finding.file)))])),
                        ("region", .object([("startLine", .int(max(finding.line, 1)))])),
                    ])),
                ])])),
            ]
            return .object(members)
        }
        let driver: ReportJSON = .object([
            ("name", .string("runbook")), ("version", .string(toolVersion)),
            ("rules", .array(rules)),
        ])
        let log: ReportJSON = .object([
            ("$schema", .string(sarifSchema)), ("version", .string("2.1.0")),
            ("runs", .array([.object([("tool", .object([("driver", driver)])), ("results", .array(results))])])),
        ])
        return log.rendered() + "\n"
    }

    /// SARIF's `level` for a severity: error, warning or note.
    static func level(_ severity: Finding.Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// A relative URI reference for a library path: spaces and other reserved characters percent-encoded.
    static func uri(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "/-._~".contains(character) {
                output.append(character)
            } else {
                output += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
