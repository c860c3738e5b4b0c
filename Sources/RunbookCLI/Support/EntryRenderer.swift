import Foundation
import RunbookCore

/// Renders a `FilledEntry` for a terminal, marking what is still unfilled.
struct EntryRenderer {
    var labels: [String: String]

    /// What `runbook show` prints: the filled entry and its terminal text.
    struct Rendered: Encodable {
        var entry: FilledEntry
        var terminalText: String

        func encode(to encoder: Encoder) throws {
            try entry.encode(to: encoder)
        }
    }

    func render(_ entry: Entry) -> Rendered {
        let filled = FilledEntry(entry: entry, labels: labels)
        var out = "\(filled.title)\n"
        out += String(repeating: "=", count: min(filled.title.count, 100)) + "\n"
        out += "\(filled.id)  (\(filled.file):\(filled.line))\n"
        if !filled.path.isEmpty { out += "in: \(filled.path.joined(separator: " › "))\n" }
        if !filled.aliases.isEmpty { out += "also: \(filled.aliases.joined(separator: "; "))\n" }
        if !filled.introduction.isEmpty { out += "\n\(mark(filled.introduction, filled.unfilled))\n" }
        for part in filled.parts {
            out += "\n\(part.title.uppercased())\n\n\(mark(part.markdown, filled.unfilled))\n"
        }
        let runnable = filled.commands.filter { !$0.lines.isEmpty }
        if !runnable.isEmpty {
            out += "\nCOMMANDS (to paste: output and notes left out)\n"
            for command in runnable {
                out += "\n  # \(filled.file):\(command.line)\n"
                out += command.lines.map { "  " + mark($0, filled.unfilled) + "\n" }.joined()
            }
        }
        if !filled.unfilled.isEmpty {
            let names = filled.unfilled.map(\.raw).joined(separator: ", ")
            out += "\nUnfilled placeholders (marked «…»): \(names)\n"
            out += "Fill them with --label, e.g. --label \(filled.unfilled[0].name.lowercased())=VALUE\n"
        }
        return Rendered(entry: filled, terminalText: out)
    }

    private func mark(_ text: String, _ unfilled: [Placeholder]) -> String {
        unfilled.reduce(text) { $0.replacingOccurrences(of: $1.raw, with: "«\($1.raw)»") }
    }
}
