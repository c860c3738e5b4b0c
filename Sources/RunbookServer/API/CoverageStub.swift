import Foundation
import RunbookStore

/// The Markdown skeleton of the entry an uncovered alert key needs: a heading named after the key, what is
/// known about its firings, the nearest entries as links, and empty `_Diagnosis_` and `_Mitigation_` parts.
///
/// The heading is the key itself so that the matcher finds the new entry by the alert's own words.
enum CoverageStub {
    static func markdown(for item: CoverageItem) -> String {
        let first = item.firstSeen.formatted(.iso8601)
        let last = item.lastSeen.formatted(.iso8601)
        var lines = [
            "## \(heading(item.key))",
            "",
            "Fired \(item.count) time(s) from \(item.source.rawValue) between \(first) and \(last).",
        ]
        if !item.candidates.isEmpty {
            let links = item.candidates.prefix(3).map { "[\(escape($0.title))](\($0.entry))" }
            lines.append("Related entries: \(links.joined(separator: ", ")).")
        }
        lines += [
            "",
            "_Diagnosis_",
            "",
            "Write how to confirm what is wrong, with the commands to run.",
            "",
            "_Mitigation_",
            "",
            "Write how to stop the impact, then how to fix the cause.",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// The key on one line, with characters that would end or change a heading escaped.
    private static func heading(_ key: String) -> String {
        let line = key.split(whereSeparator: \.isNewline).joined(separator: " ")
        return escape(line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "#")))
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\`*_[]<>".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
