/// What counts as a variable part of an alert or heading: the words that change between two firings of the same
/// alert (IPs, hosts, ids, numbers, paths, times) and environment names.
///
/// Alert keys, the matcher and lint all ask here, so they agree on what "variable" means.
///
/// ```swift
/// VariableToken.isVariable("ip-10-7-0-78")          // true
/// VariableToken.isEnvironmentWord("mitx-production") // true
/// ```
public enum VariableToken {
    /// Environment names, lowercased. `gprd`/`gstg` are GitLab's production and staging.
    public static let environmentWords: Set<String> = [
        "production", "prod", "prd", "staging", "stg", "qa", "dev", "develop", "development", "rc", "uat",
        "preprod", "nonprod", "sandbox", "gprd", "gstg",
    ]

    /// Bytes trimmed from both ends of a token before it is judged: quotes, brackets, punctuation, whitespace.
    static let edgeBytes: Set<UInt8> = Set("\"'`()[]{}<>,;:.!?*- \t\r\n".utf8)
    /// A word without any of these bytes is plain (letters, `-`, `_`) and cannot be variable.
    private static let telltaleBytes: Set<UInt8> = Set("0123456789/@:.\\".utf8)

    private static let fileExtensions: Set<String> = [
        "py", "rb", "go", "js", "ts", "java", "kt", "swift", "c", "h", "rs", "php", "sh", "log", "conf", "cfg", "ini",
        "yml", "yaml", "json", "toml", "txt", "sql", "xml", "html", "md", "pem", "crt", "key", "gz", "tar", "zip",
    ]
    private static let internalDomains = [
        ".internal", ".local", ".localdomain", ".lan", ".intra", ".corp", ".compute.amazonaws.com",
    ]

    /// True when `token` is a part that varies between firings: an IP (with port), an `ip-10-7-0-78` or numbered
    /// host, an internal host name, a UUID, a long hex id, a random id, a number, version, size, percentage or
    /// time, a file path, a URL, a `user@host` or e-mail address.
    ///
    /// `token` is one whitespace-separated word; quotes and punctuation around it are ignored. Environment names
    /// are not variable here; see ``isEnvironmentWord(_:)``.
    public static func isVariable(_ token: String) -> Bool {
        let printable = token.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            ASCIIToken.isPrintable(bytes) ? ASCIIToken.isVariable(bytes) : nil
        }
        if let printable, let answer = printable { return answer }
        return unicodeIsVariable(token)
    }

    /// `isVariable(_:)` of any token, by scalars (printable ASCII takes `ASCIIToken.isVariable`).
    static func unicodeIsVariable(_ token: String) -> Bool {
        guard token.utf8.contains(where: telltaleBytes.contains) else { return false }
        let word = trimmed(token)
        guard !word.isEmpty else { return false }
        if word.containsBytes("://") || word.containsBytes("@") || word.containsBytes("\\") { return true }
        if isPath(word) || isNumeric(word) || isUUID(word) || isHexID(word) || isRandomID(word) { return true }
        if isIPv6(word) || isNumberedHost(word) || isInternalHost(word) { return true }
        if word.containsBytes("-") {
            let parts = word.split(separator: "-").map(String.init)
            return parts.count > 1 && parts.allSatisfy { isNumeric($0) || isHexID($0) || isRandomID($0) }
        }
        return false
    }

    /// True when `token` names an environment: `production`, `prod`, `staging`, `qa`, `dev`, `rc`…, or a
    /// two-part name made with one (`mitx-production`, `production-apps`, `apps_prod`).
    public static func isEnvironmentWord(_ token: String) -> Bool {
        guard token.utf8.count <= 48 else { return false }
        let trimmedToken = trimmed(token)
        guard trimmedToken.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else {
            return trimmedToken.utf8.count <= 11 && environmentWords.contains(trimmedToken.lowercased())
        }
        let word = trimmedToken.lowercased()
        if environmentWords.contains(word) { return true }
        let parts = word.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        return parts.count == 2 && parts.contains(where: environmentWords.contains)
    }

    /// `token` without the quotes, brackets and punctuation around it.
    static func trimmed(_ token: String) -> String {
        let bytes = token.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, edgeBytes.contains(bytes[start]) {
            start = bytes.index(after: start)
        }
        while end > start, edgeBytes.contains(bytes[bytes.index(before: end)]) {
            end = bytes.index(before: end)
        }
        if start == bytes.startIndex, end == bytes.endIndex { return token }
        return String(token[start..<end])
    }

    static func isPath(_ word: String) -> Bool {
        if word.count > 1, word.hasPrefix("/") || word.hasPrefix("~/") || word.hasPrefix("./")
            || word.hasPrefix("../")
        {
            return true
        }
        guard word.containsBytes("/"), let dot = word.lastIndex(of: ".") else { return false }
        return fileExtensions.contains(word[word.index(after: dot)...].lowercased())
    }

    /// Numbers, versions, sizes, durations, percentages, dates and times: starts with a digit (or `v1`, `#12`,
    /// `+3`), few letters. `5xx`/`4XX` are status classes, not numbers.
    static func isNumeric(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard let first = scalars.first else { return false }
        let startsNumeric: Bool
        if isDigit(first) {
            startsNumeric = true
        } else if "vV#+-~".unicodeScalars.contains(first), scalars.count > 1, isDigit(scalars[1]) {
            startsNumeric = true
        } else {
            startsNumeric = false
        }
        guard startsNumeric else { return false }
        if scalars.count == 3, isDigit(scalars[0]), scalars[1] == "x" || scalars[1] == "X",
            scalars[2] == "x" || scalars[2] == "X"
        {
            return false
        }
        let letters = scalars.filter { $0.properties.isAlphabetic }.count
        return letters <= 4
    }

    /// `8-4-4-4-12` hex digits.
    static func isUUID(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count == 36 else { return false }
        for (index, scalar) in scalars.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard scalar == "-" else { return false }
            } else if !isHex(scalar) {
                return false
            }
        }
        return true
    }

    /// Seven or more hex digits with at least one digit and one letter (`6f9c7d5b8`, `0x7ffd…`, commit shas).
    static func isHexID(_ word: String) -> Bool {
        var scalars = Substring(word).unicodeScalars[...]
        if word.hasPrefix("0x") || word.hasPrefix("0X") { scalars = scalars.dropFirst(2) }
        guard scalars.count >= 7, scalars.allSatisfy(isHex) else { return false }
        return scalars.contains(where: isDigit) && scalars.contains(where: { !isDigit($0) })
    }

    /// Generated ids that mix letters and digits throughout (`A7xQ2mZk9Lp`, `fmT0KbL5X`, `nvme0n1p1`): at least two
    /// digits and four switches between letters and digits, or three with mixed case.
    static func isRandomID(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars).filter { $0 != "_" }
        guard scalars.count >= 5, scalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || isDigit($0)) })
        else { return false }
        let digits = scalars.filter(isDigit).count
        guard digits >= 2 else { return false }
        var switches = 0
        for (previous, next) in zip(scalars, scalars.dropFirst()) where isDigit(previous) != isDigit(next) {
            switches += 1
        }
        let mixedCase = scalars.contains { $0.properties.isUppercase } && scalars.contains { $0.properties.isLowercase }
        return switches >= 4 || (switches >= 3 && mixedCase)
    }

    static func isIPv6(_ word: String) -> Bool {
        var colons = 0
        for scalar in word.unicodeScalars {
            guard isHex(scalar) || scalar == ":" || scalar == "." else { return false }
            if scalar == ":" { colons += 1 }
        }
        return colons >= 2
    }

    /// `ip-10-7-0-78` (EC2's default names), `i-0abc…` instance ids, host names whose first label carries a
    /// number (`redis-03-db-gprd.c.example.net`, `worker-2.ocp4.example.com`), and short host names numbered with a
    /// leading zero (`console-01-sv-gprd`, `redis-sidekiq-02`: error codes and versions do not start with one).
    static func isNumberedHost(_ word: String) -> Bool {
        let lowered = word.lowercased()
        if lowered.hasPrefix("ip-"), let next = lowered.unicodeScalars.dropFirst(3).first, isDigit(next) {
            return true
        }
        if lowered.hasPrefix("i-"), isHexID(String(lowered.dropFirst(2))) {
            return true
        }
        if !lowered.containsBytes(".") {
            // `console-01-sv-gprd`, `redis-sidekiq-02`: a fleet's member by its zero-padded number.
            return lowered.split(separator: "-").dropFirst().contains { part in
                part.count >= 2 && part.hasPrefix("0") && part.unicodeScalars.allSatisfy(isDigit)
            }
        }
        let labels = lowered.split(separator: ".")
        guard labels.count >= 3, let firstLabel = labels.first, let tld = labels.last,
            tld.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic })
        else { return false }
        return firstLabel.split(separator: "-").dropFirst().contains { part in
            part.unicodeScalars.allSatisfy(isDigit)
        }
    }

    /// A dotted name under a private domain (`.internal`, `.local`, `.corp`…).
    static func isInternalHost(_ word: String) -> Bool {
        let lowered = word.lowercased()
        return lowered.containsBytes(".") && internalDomains.contains { lowered.hasSuffix($0) }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isHex(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }
}
