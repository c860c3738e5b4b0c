extension StringProtocol {
    /// `split(separator:)` at an ASCII `separator`, read on bytes when the text is ASCII (see the other `asciiSplit`).
    func asciiSplit(_ separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        precondition(separator.isASCII, "asciiSplit needs an ASCII separator")
        let byte = UInt8(separator.value)
        return asciiSplit(omittingEmptySubsequences: omittingEmptySubsequences) { $0 == byte }
    }

    /// `split(whereSeparator:)` where the separators are ASCII characters (the bytes `isSeparator` takes), read on
    /// bytes when the text is ASCII.
    ///
    /// Splitting a `String` walks it by characters (grapheme breaking). In ASCII text every byte is a character of
    /// its own but a `\r` before a `\n`: `\r\n` is one character, which no single-byte separator equals. So the byte
    /// split gives the same pieces, as substrings of the same text, unless `\r` or `\n` separates and the text holds
    /// a `\r`. That text, and any other than ASCII, takes the general split.
    func asciiSplit(omittingEmptySubsequences: Bool = true, where isSeparator: (UInt8) -> Bool) -> [SubSequence] {
        let splitsLines = isSeparator(UInt8(ascii: "\r")) || isSeparator(UInt8(ascii: "\n"))
        let words = utf8.withContiguousStorageIfAvailable { bytes -> [SubSequence]? in
            let general = bytes.contains { $0 >= 0x80 || (splitsLines && $0 == UInt8(ascii: "\r")) }
            guard !general else { return nil }
            var words: [SubSequence] = []
            var begin = 0
            for position in 0...bytes.count where position == bytes.count || isSeparator(bytes[position]) {
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
        return split(omittingEmptySubsequences: omittingEmptySubsequences) { character in
            character.utf8.count == 1 && isSeparator(character.utf8.first!)
        }
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
