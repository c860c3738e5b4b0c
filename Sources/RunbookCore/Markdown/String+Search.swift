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
