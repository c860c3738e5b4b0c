import Foundation

/// `code-language`: fenced code without a language renders plain and leaves readers guessing what to run it in.
struct CodeLanguageCheck: LintCheck {
    var rules: [LintRule] { [.codeLanguage] }

    func findings(in context: LintContext) -> [Finding] {
        context.library.documents.flatMap { document in
            document.codeBlocks.compactMap { block -> Finding? in
                guard block.fenced, (block.language ?? "").isEmpty else { return nil }
                return LintRule.codeLanguage.finding(
                    document.file, line: block.line,
                    "Code block has no language; add one after the fence, e.g. ```\(Self.guess(block.text))."
                )
            }
        }
    }

    /// A likely language from the block's first lines, so the suggestion is concrete.
    static func guess(_ text: String) -> String {
        let lines = text.split(separator: "\n").prefix(5).map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.contains(where: { $0.hasPrefix("$ ") || $0.range(of: #"^[\w.-]+@[\w.-]+:[^\s]*[#$] "#,
                                                                    options: .regularExpression) != nil }) {
            return "console"
        }
        guard let first = lines.first else { return "text" }
        if first.hasPrefix("{") || first.hasPrefix("[") { return "json" }
        if first.range(of: #"^[\w.-]+:(\s|$)"#, options: .regularExpression) != nil { return "yaml" }
        if first.lowercased().hasPrefix("select ") { return "sql" }
        return "bash"
    }
}
