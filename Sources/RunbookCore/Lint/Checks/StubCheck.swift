import Foundation

/// `stub-entry`: entries that look finished in the table of contents but answer nothing when opened.
struct StubCheck: LintCheck {
    var rules: [LintRule] { [.stubEntry] }

    /// Whole words, matched as written: `STUB`, `TODO`… in capitals mark work left; `stub` may be a topic.
    static let markerWords: Set<String> = ["STUB", "TODO", "TBD", "FIXME", "WIP"]
    static let markerPhrases = ["needs love", "to be written", "coming soon", "(stub", "stub entry", "work in progress"]
    /// What a part says when it says nothing.
    static let emptyAnswers: Set<String> = ["n/a", "na", "none", "-", "--", "—", "–", "tbd", "todo", "nothing", "?"]
    /// Bodies with fewer words than this, and no parts, commands, links, images or sub-entries, are empty.
    static let minimumBodyWords = 3

    func findings(in context: LintContext) -> [Finding] {
        context.library.entries.flatMap { entry -> [Finding] in
            var findings: [Finding] = []
            if let marker = ([entry.title] + entry.aliases).lazy.compactMap(Self.marker(in:)).first {
                findings.append(LintRule.stubEntry.finding(
                    entry.file, line: entry.line,
                    "Entry '\(entry.title)' is marked as unfinished ('\(marker)'); write its Diagnosis and "
                        + "Mitigation, then drop the marker from the heading."
                ))
            } else if isEmpty(entry, context: context) {
                findings.append(LintRule.stubEntry.finding(
                    entry.file, line: entry.line,
                    "Entry '\(entry.title)' has an empty body; write what to check and what to do, or remove "
                        + "the heading."
                ))
            }
            for part in entry.parts where Self.saysNothing(part) {
                let said = part.text.trimmingCharacters(in: .whitespacesAndNewlines)
                let quoted = said.isEmpty ? "nothing" : "only '\(said)'"
                findings.append(LintRule.stubEntry.finding(
                    entry.file, line: part.line,
                    "\(part.kind.label) of '\(entry.title)' says \(quoted); write what the on-call should "
                        + "check or do, or remove the part."
                ))
            }
            return findings
        }
    }

    static func marker(in heading: String) -> String? {
        let words = heading.split(whereSeparator: { !$0.isLetter })
        if let word = words.first(where: { markerWords.contains(String($0)) }) { return String(word) }
        let lowered = heading.lowercased()
        return markerPhrases.first { lowered.contains($0) }
    }

    /// No parts, commands, sub-entries or links and hardly any words; a heading that is itself a link points at
    /// its content elsewhere and is not empty.
    private func isEmpty(_ entry: Entry, context: LintContext) -> Bool {
        guard entry.parts.isEmpty, entry.commands.isEmpty, !context.hasChildren(entry) else { return false }
        let heading = context.documentsByFile[entry.file]?.headings.first { $0.line == entry.line }
        if heading?.raw.contains("](") == true { return false }
        let markdown = entry.markdown
        if ["](", "]:", "<", "```", "~~~", "|", "http"].contains(where: markdown.contains) { return false }
        let words = entry.text.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains(where: \.isLetter) }
        return words.count < Self.minimumBodyWords
    }

    /// A part whose whole text is `N/A`, `None`, `-`… (trailing punctuation ignored) and that holds no commands.
    static func saysNothing(_ part: Part) -> Bool {
        guard part.commands.isEmpty else { return false }
        let text = part.text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".!")))
        if text.isEmpty { return part.markdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        return emptyAnswers.contains(text.lowercased())
    }
}
