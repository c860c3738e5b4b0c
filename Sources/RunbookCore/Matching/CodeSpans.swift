/// The code spans of a chat message: what the person quotes exactly, between backticks.
///
/// "Ran `storage_rebalance.rb` for 300 GB last night and the old directories are still there" names the script the
/// answer is about; "`ssh deploy-01.internal` times out from my laptop" the command that fails.
/// People put commands, flags, jobs and error text in backticks because they are the exact thing at hand, so the
/// words of a span count more than the words around them. A span is text between two single backticks on one line,
/// at most `maximumLength` bytes; a fenced block (three backticks) or a long paste of output is no span.
enum CodeSpans {
    /// How many times a word of a span counts. Over the 3,072 tuned cases 1.5 gave top-1 +21 −12 and `matched` +18 −6;
    /// 1.25 about half of it, and 1.75 or 2.0 lost more than they gained (`bench/README.md`, thirty-first session).
    static let weight = 1.5

    /// The alert field a span's words give in the evidence (`code 'rebalanc' → title`).
    static let field = "code"

    /// The longest span read: longer ones are pasted output more than a quoted command.
    static let maximumLength = 80

    /// The spans of `text`, in order, without their backticks.
    static func spans(in text: String) -> [Substring] {
        var spans: [Substring] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        var open: String.Index?
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                open = nil
                index = bytes.index(after: index)
                continue
            }
            guard byte == 0x60 else {
                index = bytes.index(after: index)
                continue
            }
            // A run of backticks: only a single one opens or closes a span.
            let run = bytes[index...].prefix { $0 == 0x60 }.count
            let after = bytes.index(index, offsetBy: run)
            if run == 1 {
                if let start = open {
                    let span = text[start..<index]
                    if !span.isEmpty, span.utf8.count <= maximumLength { spans.append(span) }
                    open = nil
                } else {
                    open = after
                }
            } else {
                open = nil
            }
            index = after
        }
        return spans
    }
}
