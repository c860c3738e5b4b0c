/// `missing-diagnosis` and `missing-mitigation`: the style guide asks every alert entry for both.
struct PartCheck: LintCheck {
    var rules: [LintRule] { [.missingDiagnosis, .missingMitigation] }

    static let diagnosisKinds: Set<PartKind> = [.diagnosis, .symptoms, .causes]
    static let mitigationKinds: Set<PartKind> = [.mitigation, .resolution, .remediation]
    /// Words that make a sub-section do a part's job even when it is not a part heading ("Diagnosis and
    /// mitigation", "Troubleshooting steps", "Recovery").
    static let diagnosisWords: Set<String> = ["diagnosis", "diagnosing", "diagnose", "symptoms", "causes",
                                              "troubleshooting", "investigation", "investigating"]
    static let mitigationWords: Set<String> = ["mitigation", "mitigating", "mitigate", "resolution", "resolving",
                                               "remediation", "recovery", "recovering", "workaround", "fix", "fixing"]

    func findings(in context: LintContext) -> [Finding] {
        context.library.entries.flatMap { entry -> [Finding] in
            guard EntryKind.of(entry, hasChildren: context.hasChildren(entry)) == .alert else { return [] }
            let kinds = Set(entry.parts.map(\.kind))
            let childWords = Set(context.children(of: entry).flatMap { child in
                child.title.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            })
            let label = PartLabelStyle(entry)
            var findings: [Finding] = []
            if kinds.isDisjoint(with: Self.diagnosisKinds), childWords.isDisjoint(with: Self.diagnosisWords) {
                findings.append(LintRule.missingDiagnosis.finding(
                    entry.file, line: entry.line,
                    "Alert entry '\(entry.title)' has no Diagnosis; add \(label.render("Diagnosis")) with how to "
                        + "confirm what is wrong."
                ))
            }
            if kinds.isDisjoint(with: Self.mitigationKinds), childWords.isDisjoint(with: Self.mitigationWords) {
                findings.append(LintRule.missingMitigation.finding(
                    entry.file, line: entry.line,
                    "Alert entry '\(entry.title)' has no Mitigation; add \(label.render("Mitigation")) with the "
                        + "steps that put the fire out."
                ))
            }
            return findings
        }
    }
}

/// Writes a part label the way the entry already writes its parts (`## Diagnosis` or `_Diagnosis_`).
struct PartLabelStyle: Sendable {
    var style: Part.Style
    var level: Int

    init(_ entry: Entry) {
        style = entry.parts.first?.style ?? .emphasis
        level = min(entry.level + 1, 6)
    }

    func render(_ label: String) -> String {
        switch style {
        case .heading: return "'\(String(repeating: "#", count: level)) \(label)'"
        case .emphasis: return "'_\(label)_'"
        case .colon: return "'\(label):'"
        }
    }
}
