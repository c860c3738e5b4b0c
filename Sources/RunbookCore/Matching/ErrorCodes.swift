/// The numeric codes that error names carry in a title: `OperationalError(1045, …)`, `OperationalError: (2006, …)`,
/// `SQLSTATE 40001`, `errno 28`.
///
/// An entry whose heading is keyed to one code of an error (MySQL's 1045, access denied) does not answer the same
/// error with another code (2006, server gone away): the exception class is shared by every failure of the
/// driver, the code says which failure it is. The matcher lists such an entry as a candidate with the evidence
/// against it, never as the answer (see `ServiceScope.Conflict.otherCode`).
struct ErrorCodes: Sendable, Hashable {
    /// Codes by lowercased error name.
    private(set) var codes: [String: Set<String>] = [:]

    var isEmpty: Bool { codes.isEmpty }

    /// The codes in `text`: a word ending in `error`, `exception` or `fault`, or one of `errno`, `sqlstate`,
    /// `code`, followed (after at most `:`, `(`, `=`, `#` and spaces) by a number of 2 to 5 digits.
    init(_ text: String) {
        guard !ErrorCodes.namesNoError(text) else { return }
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index].isLetter || characters[index] == "_" else { index += 1; continue }
            let start = index
            while index < characters.count, characters[index].isLetter || characters[index].isNumber
                    || characters[index] == "_" {
                index += 1
            }
            let name = String(characters[start..<index]).lowercased()
            guard ErrorCodes.isErrorName(name) else { continue }
            var cursor = index
            while cursor < characters.count, ": (=#".contains(characters[cursor]) { cursor += 1 }
            // A message quoted as the error's argument may open with the code: `OperationalError('Error 111 …')`.
            if cursor < characters.count, "'\"".contains(characters[cursor]) {
                cursor += 1
                let opening = ErrorCodes.codeWords.first { ErrorCodes.opens(characters, at: cursor, with: $0) }
                cursor += opening?.count ?? 0
            }
            let digits = cursor
            while cursor < characters.count, characters[cursor].isASCII, characters[cursor].isNumber { cursor += 1 }
            let length = cursor - digits
            let ends = cursor == characters.count || !(characters[cursor].isLetter || characters[cursor].isNumber)
            if (2...5).contains(length), ends {
                codes[name, default: []].insert(String(characters[digits..<cursor]))
            }
        }
    }

    /// The words a quoted message may put before its code: `Error 111 connecting to redis:6379`.
    private static let codeWords = ["error ", "errno "]

    /// Whether `characters` hold `word` (lowercase) from `start`, ignoring case.
    private static func opens(_ characters: [Character], at start: Int, with word: String) -> Bool {
        guard start + word.count <= characters.count else { return false }
        return zip(characters[start...], word).allSatisfy { $0.lowercased() == String($1) }
    }

    private static func isErrorName(_ name: String) -> Bool {
        guard name.count > 3 else { return false }
        return name.hasSuffix("error") || name.hasSuffix("exception") || name.hasSuffix("fault")
            || ["errno", "sqlstate"].contains(name)
    }

    /// The first error this alert and `entry` both name, with codes that share nothing: (name, alert's code,
    /// entry's code).
    func conflict(with entry: ErrorCodes) -> (name: String, alert: String, entry: String)? {
        for (name, mine) in codes.sorted(by: { $0.key < $1.key }) {
            guard let theirs = entry.codes[name], mine.isDisjoint(with: theirs) else { continue }
            return (name, mine.sorted().joined(separator: ", "), theirs.sorted().joined(separator: ", "))
        }
        return nil
    }
}
