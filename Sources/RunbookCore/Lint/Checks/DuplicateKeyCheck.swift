/// `duplicate-key`: two alert entries an alert cannot tell apart; the matcher would pick one at random.
struct DuplicateKeyCheck: LintCheck {
    var rules: [LintRule] { [.duplicateKey] }

    func findings(in context: LintContext) -> [Finding] {
        var firstByKey: [String: Entry] = [:]
        var findings: [Finding] = []
        let alertEntries = context.library.entries.filter {
            EntryKind.of($0, hasChildren: context.hasChildren($0)) == .alert
        }
        for entry in alertEntries {
            var seen: Set<String> = []
            for title in [entry.title] + entry.aliases {
                let key = Self.key(title)
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                guard let first = firstByKey[key] else {
                    firstByKey[key] = entry
                    continue
                }
                guard first.id != entry.id else { continue }
                findings.append(LintRule.duplicateKey.finding(
                    entry.file, line: entry.line,
                    "Entry '\(entry.title)' (\(entry.file):\(entry.line)) has the same key '\(key)' as "
                        + "'\(first.title)' (\(first.file):\(first.line)); merge them into one entry, or make the "
                        + "headings differ by the service they concern."
                ))
            }
        }
        return findings
    }

    /// The boiled-down key of a heading, lowercased, falling back to the heading's own words.
    static func key(_ title: String) -> String {
        let boiled = AlertKey.boil(title)
        let words = (boiled.isEmpty ? title : boiled).lowercased().split(whereSeparator: \.isWhitespace)
        return words.joined(separator: " ")
    }
}
