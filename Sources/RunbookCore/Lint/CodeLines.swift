/// The 1-based lines covered by a document's code blocks.
struct CodeLines: Sendable {
    private var ranges: [ClosedRange<Int>]

    init(_ document: Document) {
        ranges = document.codeBlocks.map { block in
            let count = block.text.split(separator: "\n", omittingEmptySubsequences: false).count
            let extra = block.fenced ? 2 : 0
            return block.line...(block.line + max(count - 1, 0) + extra)
        }
    }

    func contains(_ line: Int) -> Bool {
        ranges.contains { $0.contains(line) }
    }
}
