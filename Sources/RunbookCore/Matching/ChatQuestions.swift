/// The questions of a chat message: what the person asks, apart from what they saw on the way.
///
/// "The nightly export on db-7 has failed three times since 02:00, the disk is at 91% and the replica lags. How do
/// I pause the export until morning?" reports a failure, a disk and a lag, and asks how to pause a job: the section
/// that answers it is the one on pausing the export, though the rest of the message meets the sections on disks and
/// replication. A question is a sentence that ends with `?` before a space, a line break or the end of the text; a
/// sentence starts after `.`, `!` or `?` before a space or a line break, or at a line break. A `?` inside a word (a
/// URL's query) ends nothing.
enum ChatQuestions {
    /// How many times a word of a question counts: it is the ask, the rest its context. Over the 2,472 tuned cases
    /// 2.0, 2.5 and 3.0 gave about the same (top-1 +24 to +27 net, `matched` +31 to +36), 1.5 half of it and 4.0 lost
    /// negatives; see `bench/README.md`, twenty-sixth session.
    static let weight = 2.0

    /// The alert field a question's words give in the evidence (`question 'paus' → title`).
    static let field = "question"

    /// The questions of `text`, in order, each without its `?` and the spaces before it.
    static func questions(in text: String) -> [Substring] {
        var questions: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            let ends = next == bytes.endIndex || bytes[next] == 0x20 || bytes[next] == 0x0A || bytes[next] == 0x0D
            if byte == 0x0A || (ends && (byte == 0x2E || byte == 0x21 || byte == 0x3F)) {
                let question = text[start..<index].drop { $0 == " " }
                if byte == 0x3F, !question.isEmpty { questions.append(question) }
                start = next
            }
            index = next
        }
        return questions
    }

    /// Whether `text` has a `?` that ends a sentence: most alerts have none, and are not read again.
    static func hasQuestion(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(hasQuestion) ?? Array(text.utf8).withUnsafeBufferPointer(hasQuestion)
    }

    /// `hasQuestion(_:)` of UTF-8 bytes.
    private static func hasQuestion(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = bytes.last else { return false }
        if last == 0x3F { return true }
        for position in 0..<(bytes.count - 1) where bytes[position] == 0x3F {
            let next = bytes[position + 1]
            if next == 0x20 || next == 0x0A || next == 0x0D { return true }
        }
        return false
    }
}
