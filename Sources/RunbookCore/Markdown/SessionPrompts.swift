/// Recognises shell and console prompts in a pasted terminal session.
struct SessionPrompts: Sendable {
    private let lines: [String]
    /// True when any line starts with a prompt.
    let usesPrompts: Bool
    /// True when `# ` counts as a (root) prompt in this block.
    private let hashIsPrompt: Bool

    init(_ lines: [String]) {
        self.lines = lines
        var anyPrompt = false
        var dollarPrompt = false
        var rootPrompt = false
        for line in lines {
            guard let prompt = SessionPrompts.prompt(in: line, hashIsPrompt: false) else { continue }
            anyPrompt = true
            if prompt.symbol == "#" { rootPrompt = true } else { dollarPrompt = true }
        }
        usesPrompts = anyPrompt
        hashIsPrompt = rootPrompt && !dollarPrompt
    }

    /// What follows each prompt, and the prompt-less lines that read as commands (``ShellLine``), with `>`
    /// continuation lines, `\` continuations and here-documents joined; output and annotations are left out.
    func commands() -> [String] {
        var commands: [String] = []
        var current: String?
        var continuing = false
        var heredoc: String?
        for line in lines {
            if let terminator = heredoc, current != nil {
                let body = line.hasPrefix("> ") ? String(line.dropFirst(2)) : line
                current?.append("\n" + body)
                if body.trimmingWhitespace() == terminator {
                    heredoc = nil
                    finish(&current, into: &commands)
                }
                continue
            }
            if continuing, current != nil {
                var body = line.trimmingWhitespace()
                if body.hasPrefix("> ") { body = body.dropFirst(2).trimmingWhitespace() }
                append(body, to: &current, continuing: &continuing)
                heredoc = CommandReader.hereDocumentTerminator(in: body)
                continue
            }
            if current != nil, line.hasPrefix("> ") {
                current?.append("\n" + line.dropFirst(2))
                continue
            }
            finish(&current, into: &commands)
            let command: String?
            if let prompt = SessionPrompts.prompt(in: line, hashIsPrompt: hashIsPrompt) {
                command = ShellLine.withoutAnnotation(prompt.command)
            } else if case .command(let text) = ShellLine.classify(line) {
                command = text
            } else {
                command = nil
            }
            if let command {
                current = ""
                append(command, to: &current, continuing: &continuing)
                heredoc = CommandReader.hereDocumentTerminator(in: command)
            }
        }
        finish(&current, into: &commands)
        return commands
    }

    /// Adds one physical line to the command, noting whether it ends in a `\` continuation.
    private func append(_ text: String, to current: inout String?, continuing: inout Bool) {
        var text = text
        continuing = text.hasSuffix("\\")
        if continuing { text = String(text.dropLast()).trimmingWhitespace() }
        if current?.isEmpty == false, !text.isEmpty { current?.append(" ") }
        current?.append(text)
    }

    private func finish(_ current: inout String?, into commands: inout [String]) {
        if let command = current?.trimmingWhitespace(), !command.isEmpty { commands.append(command) }
        current = nil
    }

    /// The prompt at the start of `line`: its last symbol (`$`, `#`, `>`) and the command after it.
    static func prompt(in line: String, hashIsPrompt: Bool) -> (symbol: Character, command: String)? {
        let text = line.drop { $0 == " " || $0 == "\t" }
        if text.hasPrefix("$ ") || text == "$" { return ("$", String(text.dropFirst()).trimmingWhitespace()) }
        if hashIsPrompt, text.hasPrefix("# ") { return ("#", String(text.dropFirst(2)).trimmingWhitespace()) }
        if let found = userHostPrompt(text) ?? bracketPrompt(text) ?? consolePrompt(text) { return found }
        return nil
    }

    /// `user@host:path$ ` or `user@host#`.
    private static func userHostPrompt(_ text: Substring) -> (symbol: Character, command: String)? {
        let user = text.prefix { isHostChar($0) }
        guard !user.isEmpty, text.dropFirst(user.count).first == "@" else { return nil }
        var rest = text.dropFirst(user.count + 1)
        let host = rest.prefix { isHostChar($0) }
        guard !host.isEmpty else { return nil }
        rest = rest.dropFirst(host.count)
        if rest.first == ":" {
            rest = rest.dropFirst().drop { $0 != " " && $0 != "$" && $0 != "#" }
        }
        if rest.first == " " { rest = rest.dropFirst() }
        guard let symbol = rest.first, symbol == "$" || symbol == "#" else { return nil }
        let after = rest.dropFirst()
        guard after.isEmpty || after.first == " " else { return nil }
        return (symbol, after.trimmingWhitespace())
    }

    /// `[user@host dir]$ `.
    private static func bracketPrompt(_ text: Substring) -> (symbol: Character, command: String)? {
        guard text.first == "[", let close = text.firstIndex(of: "]"), text[..<close].containsBytes("@") else {
            return nil
        }
        let rest = text[text.index(after: close)...]
        guard let symbol = rest.first, symbol == "$" || symbol == "#" else { return nil }
        let after = rest.dropFirst()
        guard after.isEmpty || after.first == " " else { return nil }
        return (symbol, after.trimmingWhitespace())
    }

    /// Database and PowerShell consoles: `postgres=# `, `mydb=> `, `mysql> `, `PS C:\> `.
    private static func consolePrompt(_ text: Substring) -> (symbol: Character, command: String)? {
        if text.hasPrefix("mysql> ") { return (">", String(text.dropFirst(7)).trimmingWhitespace()) }
        if text.hasPrefix("PS "), let close = text.firstIndex(of: ">") {
            let after = text[text.index(after: close)...]
            if after.first == " " { return (">", after.trimmingWhitespace()) }
        }
        let name = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        guard !name.isEmpty, let first = name.first, first.isLetter else { return nil }
        let rest = text.dropFirst(name.count)
        guard rest.hasPrefix("=# ") || rest.hasPrefix("=> ") else { return nil }
        return (">", String(rest.dropFirst(3)).trimmingWhitespace())
    }

    private static func isHostChar(_ char: Character) -> Bool {
        char.isASCII && (char.isLetter || char.isNumber || char == "-" || char == "_" || char == ".")
    }
}
