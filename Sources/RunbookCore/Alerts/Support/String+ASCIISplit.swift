extension StringProtocol {
    /// `split(separator:)` at an ASCII `separator`, read on bytes when the text is ASCII.
    ///
    /// Splitting a `String` walks it by characters (grapheme breaking); in ASCII text every byte but `\r` before `\n`
    /// is a character of its own, and neither byte is a separator here, so the byte split gives the same words, as
    /// substrings of the same text. Other text takes the general split.
    func asciiSplit(_ separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        precondition(separator.isASCII, "asciiSplit needs an ASCII separator")
        let byte = UInt8(separator.value)
        let words = utf8.withContiguousStorageIfAvailable { bytes -> [SubSequence]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var words: [SubSequence] = []
            var begin = 0
            for position in 0...bytes.count where position == bytes.count || bytes[position] == byte {
                if position > begin || !omittingEmptySubsequences {
                    let start = utf8.index(startIndex, offsetBy: begin)
                    let end = utf8.index(start, offsetBy: position - begin)
                    words.append(self[start..<end])
                }
                begin = position + 1
            }
            return words
        }
        if let words, let split = words { return split }
        return split(separator: Character(separator), omittingEmptySubsequences: omittingEmptySubsequences)
    }

    /// `asciiSplit(separator).count` (empty words omitted), without making the words when the text is ASCII.
    func asciiWordCount(_ separator: Unicode.Scalar) -> Int {
        precondition(separator.isASCII, "asciiWordCount needs an ASCII separator")
        let byte = UInt8(separator.value)
        let count = utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var count = 0
            var inWord = false
            for current in bytes {
                guard current < 0x80 else { return nil }
                if current == byte {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                }
            }
            return count
        }
        if let count, let words = count { return words }
        return asciiSplit(separator).count
    }
}
