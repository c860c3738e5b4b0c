extension StringProtocol {
    /// The text with code-span newlines turned into spaces.
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// The text without leading and trailing whitespace (spaces, tabs, newlines).
    func trimmingWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    /// The text with at most `columns` leading spaces removed (tabs count to the next multiple of 4).
    func droppingIndent(_ columns: Int) -> String {
        var removed = 0
        var index = startIndex
        while index < endIndex, removed < columns {
            let char = self[index]
            if char == " " {
                removed += 1
            } else if char == "\t" {
                removed += 4 - removed % 4
            } else {
                break
            }
            index = self.index(after: index)
        }
        return String(self[index...])
    }
}
