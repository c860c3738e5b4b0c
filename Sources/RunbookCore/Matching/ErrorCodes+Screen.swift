extension ErrorCodes {
    /// Whether `text` certainly carries no code, found on its bytes: an ASCII text without a digit, or without any of
    /// `err`, `exception`, `fault`, `sqlstate` in any case (every error name holds one). Most alert titles name no
    /// error, and reading one as characters cost a tenth of building an alert's query.
    static func namesNoError(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            guard bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return true }
            return !(contains(bytes, "err") || contains(bytes, "exception") || contains(bytes, "fault")
                || contains(bytes, "sqlstate"))
        } ?? false
    }

    /// Whether `bytes` contain the lowercase `word`, ignoring the case of ASCII letters.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let first = word.utf8Start[0]
        for start in 0...(bytes.count - count) where bytes[start] | 0x20 == first {
            var offset = 1
            while offset < count, lower(bytes[start + offset]) == word.utf8Start[offset] { offset += 1 }
            if offset == count { return true }
        }
        return false
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
