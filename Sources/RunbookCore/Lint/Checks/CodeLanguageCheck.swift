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

    /// A likely language from the block's first lines, so the suggestion is concrete; a block the command reader
    /// would not run (``CommandReader/classify(block:language:)``: an alert, a log line, output) is `text` or a data
    /// language, never a shell.
    static func guess(_ text: String) -> String {
        let content = CommandReader.classify(block: text, language: nil)
        if content == .session { return "console" }
        let lines = text.split(separator: "\n").prefix(5).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first else { return "text" }
        if first.lowercased().hasPrefix("select ") { return "sql" }
        if content == .commands { return "bash" }
        if first == "{", lines.count > 1, lines[1].range(of: #"^\w+\s*[({]"#, options: .regularExpression) != nil {
            return "graphql"
        }
        if first.hasPrefix("{") || first == "[" || ["[{", "[\"", "[["].contains(where: first.hasPrefix) {
            return "json"
        }
        if first.range(of: #"^[\w.-]+:(\s|$)"#, options: .regularExpression) != nil { return "yaml" }
        return "text"
    }
}
