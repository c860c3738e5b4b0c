extension StringProtocol {
    /// The first place `needle` occurs, compared byte for byte in UTF-8; an empty needle is found at the start.
    ///
    /// A `String` argument to `range(of:)` or `contains(_:)` reaches Foundation's versions, which on Linux go through
    /// `NSString`: tens of thousands of instructions a call, and most of the work of reading a library's code blocks.
    /// The needles searched for are ASCII markers (`<<<<`, `}}`, `ERROR`), for which bytes and characters agree.
    ///
    /// ```swift
    /// "ls -l <<<< here".firstRange(ofBytes: "<<<<")  // the range of "<<<<"
    /// ```
    func firstRange(ofBytes needle: some StringProtocol) -> Range<String.Index>? {
        let offset: Int?? = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in
                Self.firstOffset(of: pattern, in: haystack)
            } ?? Self.firstOffset(of: Array(needle.utf8), in: haystack)
        }
        let found = offset ?? Array(utf8).withUnsafeBufferPointer { haystack in
            Self.firstOffset(of: Array(needle.utf8), in: haystack)
        }
        guard let found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: found)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8 (see `firstRange(ofBytes:)`).
    func containsBytes(_ needle: some StringProtocol) -> Bool {
        firstRange(ofBytes: needle) != nil
    }

    private static func firstOffset(of pattern: some Collection<UInt8>, in haystack: UnsafeBufferPointer<UInt8>)
        -> Int?
    {
        guard let first = pattern.first else { return 0 }
        let rest = pattern.dropFirst()
        guard haystack.count >= pattern.count else { return nil }
        var start = 0
        let last = haystack.count - pattern.count
        while start <= last {
            if haystack[start] == first, zip(haystack[(start + 1)...], rest).allSatisfy({ $0 == $1 }) {
                return start
            }
            start += 1
        }
        return nil
    }
}

extension String {
    /// The text split at each `\n`, as `split(separator: "\n", omittingEmptySubsequences:)` splits it, found by bytes.
    ///
    /// Splitting by `Character` forms every character of a code block, most of the work of classifying it. A `\n`
    /// always ends a character of its own, unless a `\r` comes before it: `\r\n` is one character, which the split by
    /// characters does not break, so a text holding `\r` is split that way.
    func lineSlices(omittingEmpty: Bool) -> [Substring] {
        if utf8.contains(UInt8(ascii: "\r")) {
            return split(separator: "\n", omittingEmptySubsequences: omittingEmpty)
        }
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                if !omittingEmpty || start < index { lines.append(self[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if !omittingEmpty || start < utf8.endIndex { lines.append(self[start..<utf8.endIndex]) }
        return lines
    }
}

extension Substring {
    /// The text split at every character that is one of the ASCII bytes `isSeparator` takes, empty pieces left out:
    /// `split(whereSeparator:)` with a test of single ASCII characters. An ASCII text (most lines of a shell session)
    /// is split by bytes, which for ASCII gives the same pieces without forming each character; any other text is
    /// split by characters.
    func splitASCII(where isSeparator: (UInt8) -> Bool) -> [Substring] {
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return split(whereSeparator: { character in
                character.utf8.count == 1 && isSeparator(character.utf8.first!)
            })
        }
        var pieces: [Substring] = []
        var start: String.Index?
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if isSeparator(utf8[index]) {
                if let pieceStart = start { pieces.append(self[pieceStart..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = utf8.index(after: index)
        }
        if let pieceStart = start { pieces.append(self[pieceStart..<utf8.endIndex]) }
        return pieces
    }
}
