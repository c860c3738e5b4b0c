/// `variable-heading`: headings that copy a whole alert, specifics included, so the next alert will not find them.
struct VariableHeadingCheck: LintCheck {
    var rules: [LintRule] { [.variableHeading] }

    /// What varies between two firings of one alert, with the name the message uses for it.
    static let variableParts: [(name: String, pattern: Pattern)] = [
        ("an alert counter", Pattern(#"\[(FIRING|RESOLVED)(:\d+)?\]"#, caseInsensitive: true)),
        ("an IP address", Pattern(#"(?<![\w.])\d{1,3}(\.\d{1,3}){3}(?![\w.])"#)),
        ("a host name", Pattern(#"\bip-\d{1,3}(-\d{1,3}){3}\b"#)),
        ("a UUID", Pattern(#"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"#)),
        ("a long hex id", Pattern(#"\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b"#)),
        ("a quoted user name", Pattern(#"['"][^'"\s]+['"]@['"]?[\w.-]+"#)),
        ("a timestamp", Pattern(#"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"#)),
    ]

    func findings(in context: LintContext) -> [Finding] {
        context.library.documents.flatMap { document in
            document.headings.compactMap { heading -> Finding? in
                guard heading.part == nil else { return nil }
                let found = Self.variableParts.compactMap { name, pattern in
                    pattern.firstMatch(in: heading.text).map { "\(name) (\($0))" }
                }
                guard !found.isEmpty else { return nil }
                let key = AlertKey.boil(heading.text)
                let advice = key.isEmpty
                    ? "keep only the alert name and the service it concerns"
                    : "rename it to the boiled-down key '\(key)'"
                return LintRule.variableHeading.finding(
                    document.file, line: heading.line,
                    "Heading carries \(found.joined(separator: ", ")), which change from alert to alert; \(advice)."
                )
            }
        }
    }
}
