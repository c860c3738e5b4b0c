/// An alert boiled down to its searchable core, as the runbook style guide asks: the alert's name and its
/// distinctive service word, without the parts that change between firings.
///
/// ```swift
/// AlertKey.boil("[Prometheus]: [FIRING:1] DiskUsageWarning mitx-production (xqwatcher filesystem /dev/root "
///     + "ext4 ip-10-7-0-78 integrations/linux_host warning)")
/// // "DiskUsageWarning xqwatcher"
/// ```
public enum AlertKey {
    /// Most words kept in a key; a free-text title says what matters first.
    static let wordLimit = 16

    /// Labels that name the service an alert is about, most telling first (matched ignoring case).
    static let serviceLabels = [
        "service", "service_name", "servicename", "app", "application", "app_kubernetes_io_name", "product",
        "project", "component", "container", "job", "type", "functionname", "dbinstanceidentifier", "queue",
        "daemonset", "deployment", "statefulset",
    ]
    /// Label values that name the prober that saw the problem, not the service it saw it on (`job=blackbox` on a
    /// probe of an Elasticsearch endpoint): never the key's service word.
    static let proberValues: Set<String> = [
        "blackbox", "blackbox-exporter", "blackbox_exporter", "probe", "probes", "prober", "synthetics", "synthetic",
    ]
    /// Labels whose value is the alert's name, in the order sources use them.
    static let nameLabels = ["alertname", "alarm_name", "check_name"]

    /// Words that say how bad an alert is, not what it is.
    static let severityWords: Set<String> = [
        "critical", "warning", "warn", "info", "informational", "s1", "s2", "s3", "s4", "sev1", "sev2", "sev3",
        "sev4", "p1", "p2", "p3", "p4", "p5",
    ]
    /// Words an alert title carries whatever the problem: filesystem types, collector job names.
    static let genericWords: Set<String> = [
        "filesystem", "ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "overlay", "vfat", "nfs", "nfs4", "zfs",
    ]
    static let genericPrefixes = ["integrations/"]
    /// Leading words that give an alert's state rather than its name (`FIRING:1`, `Firing 1 -`, `ALARM:`).
    static let statusWords: Set<String> = [
        "firing", "resolved", "alarm", "ok", "insufficient_data", "alert", "alerting", "triggered", "recovered",
    ]
    /// Service words too common to tell services apart, ignored when checking a key already names the service.
    static let serviceSuffixes: Set<String> = ["service", "svc", "app", "api", "web", "worker", "server"]

    /// The key of an alert: its name (the `alertname` label, an alarm or check name, else its title), boiled, plus
    /// the distinctive service word from its labels when the name does not already carry it.
    public static func key(for alert: Alert) -> String {
        // Names without an uppercase or non-ASCII letter are their own lowercase: the map is then the alert's own.
        let labels = alert.labels.keys.allSatisfy(isLowercaseASCII) ? alert.labels
            : Dictionary(alert.labels.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        let memo = BoilMemo.shared
        // The first name that boils to something, else the title.
        var key = nameLabels.lazy.compactMap { labels[$0] }.map(memo.boiled).first { !$0.isEmpty }
            ?? memo.boiled(alert.title)
        if let service = serviceWord(labels, key: key) {
            key = key.isEmpty ? service : "\(key) \(service)"
        }
        return key
    }

    /// Whether `name` is ASCII without an uppercase letter: `lowercased()` gives it back unchanged.
    static func isLowercaseASCII(_ name: String) -> Bool {
        name.utf8.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }
    }

    /// Boils free text (an alert title, a heading) down: drops source prefixes and counters (`[Prometheus]:`,
    /// `[FIRING:1]`, `[Pingdom]`), variable parts (see ``VariableToken``), environment and severity words and
    /// generic words (`filesystem`, `ext4`, `integrations/linux_host`); keeps the rest in order, once each.
    public static func boil(_ text: String) -> String {
        var stripped = strippingPrefixes(from: text)
        if let boiled = stripped.withUTF8({ isBoilable($0) ? asciiBoil($0) : nil }) { return boiled }
        return boilWords(tokens(stripped))
    }

    /// The boiled words of `tokens` joined: each token's `boiledWord`, in order, once each ignoring case, at most
    /// `wordLimit`.
    static func boilWords(_ tokens: [String]) -> String {
        var kept = KeptWords()
        for token in tokens {
            guard let word = boiledWord(token) else { continue }
            guard kept.keep(word) else { break }
        }
        return kept.joined
    }

    /// The words a boil keeps: each once, ignoring case, at most `wordLimit`.
    private struct KeptWords {
        var words: [String] = []
        /// The kept words lowercased: at most `wordLimit`, fewer than a set's hashing would cost.
        var seen: [String] = []

        /// Keeps `word` unless it is kept already; false once `wordLimit` words are kept.
        mutating func keep(_ word: String) -> Bool {
            let lowered = word.lowercased()
            if !seen.contains(lowered) {
                seen.append(lowered)
                words.append(word)
            }
            return words.count < wordLimit
        }

        var joined: String { words.joined(separator: " ") }
    }

    /// `boilWords(tokens(text))` of boilable bytes, read off the bytes: no `String` per token. Every token of boilable
    /// text is printable ASCII, so `boiledWord` of it is `asciiBoiledWord` of its bytes.
    static func asciiBoil(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var kept = KeptWords()
        var start = 0
        for position in 0...bytes.count {
            if position < bytes.count && !isTokenBreak(bytes[position]) { continue }
            let token = start..<position
            start = position + 1
            guard !token.isEmpty, let word = asciiBoiledWord(UnsafeBufferPointer(rebasing: bytes[token])) else {
                continue
            }
            guard kept.keep(word) else { break }
        }
        return kept.joined
    }

    /// One word with its variable and environment parts removed, or nil when nothing of it is worth keeping.
    static func boiledWord(_ token: String) -> String? {
        var word: String?
        let printable = token.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard ASCIIToken.isPrintable(bytes) else { return false }
            word = asciiBoiledWord(bytes)
            return true
        }
        return printable == true ? word : unicodeBoiledWord(token)
    }

    /// `boiledWord(_:)` of any token, by characters.
    static func unicodeBoiledWord(_ token: String) -> String? {
        let word = VariableToken.trimmed(token)
        let lowered = word.lowercased()
        guard word.contains(where: { $0.isLetter }), !VariableToken.isVariable(word),
            !VariableToken.isEnvironmentWord(word), !severityWords.contains(lowered), !genericWords.contains(lowered),
            !genericPrefixes.contains(where: { lowered.hasPrefix($0) })
        else { return nil }
        let parts = word.asciiSplit("-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return word }
        let keptParts = parts.enumerated().filter { index, part in
            !part.isEmpty && !VariableToken.isVariable(part)
                && !VariableToken.environmentWords.contains(part.lowercased())
                && !isPodSuffix(part, at: index, of: parts.count)
        }.map(\.element)
        return keptParts.isEmpty ? nil : keptParts.joined(separator: "-")
    }

    /// The random five-character suffix Kubernetes gives pods (`…-6f9c7d5b8-m2xkq`).
    private static func isPodSuffix(_ part: String, at index: Int, of count: Int) -> Bool {
        index == count - 1 && count >= 3 && part.count == 5 && part.contains(where: \.isNumber)
            && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }

    /// Splits on whitespace and on the punctuation that glues words in titles (`Error(1045,`, `a=b`, `x|y`).
    static func tokens(_ text: String) -> [String] {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            isBoilable(bytes) ? asciiTokens(bytes) : nil
        }
        if let ascii, let tokens = ascii { return tokens }
        return unicodeTokens(text)
    }

    /// `tokens(_:)` of any text, by characters.
    static func unicodeTokens(_ text: String) -> [String] {
        let separators: Set<Character> = ["(", ")", "[", "]", "{", "}", "<", ">", ",", ";", "\"", "=", "|", "`"]
        return text.split { $0.isWhitespace || separators.contains($0) }.map(String.init)
    }

    /// Whether `bytes` are ASCII whitespace or printable ASCII only: then the byte-level paths give what the general,
    /// Unicode-aware ones give (`\r\n` is one character, but both its bytes are whitespace as it is).
    static func isBoilable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte > 0x7E || (byte < 0x20 && !(0x09...0x0D).contains(byte)) { return false }
        return true
    }

    /// `tokens(_:)` of boilable bytes.
    private static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens: [String] = []
        var start = 0
        for position in 0...bytes.count {
            if position < bytes.count && !isTokenBreak(bytes[position]) { continue }
            if position > start {
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
            }
            start = position + 1
        }
        return tokens
    }

    /// Whether `byte` ends a token of boilable text: whitespace and the punctuation `unicodeTokens` splits at.
    static func isTokenBreak(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x3C, 0x3E, 0x2C, 0x3B, 0x22, 0x3D, 0x7C, 0x60:
            return true
        default:
            return false
        }
    }

    /// Removes leading `[…]` groups, a `Source:` word after them, `FIRING:1` / `Firing 1 -` state counters, and any
    /// `[FIRING:n]`/`[RESOLVED]` group further on.
    static func strippingPrefixes(from text: String) -> String {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard isBoilable(bytes) else { return nil }
            return hasNothingToStrip(bytes) ? text : asciiStrippingPrefixes(bytes)
        }
        if let ascii, let stripped = ascii { return stripped }
        return unicodeStrippingPrefixes(from: text)
    }

    /// Whether `asciiStrippingPrefixes(bytes)` gives the bytes back as they are: no `[` (no group to drop), no
    /// leading whitespace, no space after a space or at the end (the words are joined again by one space), and a
    /// first word that is not a status word. Most titles are so, and are then not copied twice.
    static func hasNothingToStrip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first != 0x20, !(0x09...0x0D).contains(first), bytes.last != 0x20 else {
            return bytes.isEmpty
        }
        var firstWordEnd: Int?
        for position in 0..<bytes.count {
            switch bytes[position] {
            case 0x5B: return false
            case 0x20:
                if bytes[position - 1] == 0x20 { return false }
                if firstWordEnd == nil { firstWordEnd = position }
            default: continue
            }
        }
        return !isASCIIStatusWord(bytes[0..<(firstWordEnd ?? bytes.count)])
    }

    /// `strippingPrefixes(from:)` of any text, by characters.
    static func unicodeStrippingPrefixes(from text: String) -> String {
        var rest = Substring(text).drop(while: \.isWhitespace)
        while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            rest = rest[rest.index(after: close)...].drop { $0 == ":" || $0 == "-" || $0.isWhitespace }
        }
        var words = rest.split(separator: " ", omittingEmptySubsequences: true)
        if let first = words.first, statusWords.contains(statusWord(first)) {
            words.removeFirst()
            if let count = words.first, count.allSatisfy({ $0.isNumber || $0 == ":" }) {
                words.removeFirst()
            }
            if let dash = words.first, dash == "-" || dash == ":" {
                words.removeFirst()
            }
        }
        return words.joined(separator: " ").replacingStatusGroups()
    }

    /// `strippingPrefixes(from:)` of boilable bytes.
    private static func asciiStrippingPrefixes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        while start < bytes.count, bytes[start] == 0x5B, let close = bytes[start...].firstIndex(of: 0x5D) {
            start = close + 1
            while start < bytes.count, bytes[start] == 0x3A || bytes[start] == 0x2D || isSpace(bytes[start]) {
                start += 1
            }
        }
        var words: [Range<Int>] = []
        var begin = start
        for position in start...bytes.count where position == bytes.count || bytes[position] == 0x20 {
            if position > begin { words.append(begin..<position) }
            begin = position + 1
        }
        var first = 0
        if let word = words.first, isASCIIStatusWord(bytes[word]) {
            first = 1
            if first < words.count, bytes[words[first]].allSatisfy({ ASCIIToken.isDigit($0) || $0 == 0x3A }) {
                first += 1
            }
            if first < words.count, words[first].count == 1, bytes[words[first].lowerBound] == 0x2D
                || bytes[words[first].lowerBound] == 0x3A
            {
                first += 1
            }
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(bytes.count - start)
        for word in words[first...] {
            if !joined.isEmpty { joined.append(0x20) }
            joined.append(contentsOf: bytes[word])
        }
        return joined.withUnsafeBufferPointer(asciiReplacingStatusGroups)
    }

    /// `replacingStatusGroups()` of boilable bytes.
    private static func asciiReplacingStatusGroups(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var rest = 0
        while let open = bytes[rest...].firstIndex(of: 0x5B), let close = bytes[open...].firstIndex(of: 0x5D) {
            result.append(contentsOf: bytes[rest..<open])
            if !isASCIIStatusWord(bytes[(open + 1)..<close]) {
                result.append(contentsOf: bytes[open...close])
            }
            rest = close + 1
        }
        result.append(contentsOf: bytes[rest...])
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `statusWord(_:)` of ASCII bytes (the leading letters and `_`, lowercased) is a status word.
    private static func isASCIIStatusWord(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var length = 0
        for byte in word {
            guard ASCIIToken.isLetter(byte) || byte == 0x5F else { break }
            length += 1
        }
        guard length <= longestStatusWord else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { lowered in
            for (offset, byte) in word.prefix(length).enumerated() { lowered[offset] = ASCIIToken.lower(byte) }
            return statusWordTable.find(UnsafeBufferPointer(rebasing: lowered[0..<length])) != nil
        }
    }

    /// `statusWords` by their bytes (all lowercase ASCII), and the longest one's length.
    private static let statusWordTable = TermTable(words: statusWords)
    private static let longestStatusWord = statusWords.map(\.utf8.count).max() ?? 0

    private static func statusWord(_ word: Substring) -> String {
        String(word.lowercased().prefix { $0.isLetter || $0 == "_" })
    }

    /// The parts of a lowercased service word between `-`, `_` and `.`; split on bytes when it is ASCII.
    private static func serviceParts(_ word: String) -> [String] {
        let ascii = word.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var parts: [String] = []
            var begin = 0
            for position in 0...bytes.count {
                if position < bytes.count {
                    let byte = bytes[position]
                    guard byte == 0x2D || byte == 0x5F || byte == 0x2E else { continue }
                }
                if position > begin {
                    let part = UnsafeBufferPointer(rebasing: bytes[begin..<position])
                    parts.append(String(decoding: part, as: UTF8.self))
                }
                begin = position + 1
            }
            return parts
        }
        if let ascii, let parts = ascii { return parts }
        return word.split { $0 == "-" || $0 == "_" || $0 == "." }.map(String.init)
    }

    /// Whether `text` holds `part`'s bytes in a row.
    private static func contains(_ text: String, _ part: String) -> Bool {
        var text = text
        var part = part
        return text.withUTF8 { text in
            part.withUTF8 { part in
                guard part.count <= text.count else { return false }
                return (0...(text.count - part.count)).contains { start in
                    text[start..<(start + part.count)].elementsEqual(part)
                }
            }
        }
    }

    /// The service word the first telling service label adds to `key`, or nil; each label value's verdict is
    /// remembered with the key (a fleet repeats both).
    static func serviceWord(_ labels: [String: String], key: String) -> String? {
        firstServiceWord(labels) { value in
            recentServiceVerdicts.value(for: "\(value.utf8.count):\(value)\(key)") { _ in
                serviceVerdict(value, key: key)
            }
        }
    }

    /// `serviceWord(_:key:)` without the memo, for tests.
    static func unmemoizedServiceWord(_ labels: [String: String], key: String) -> String? {
        firstServiceWord(labels) { serviceVerdict($0, key: key) }
    }

    /// The word of the first service label, in `serviceLabels`' order, whose value's `verdict` is not to skip it.
    private static func firstServiceWord(_ labels: [String: String], verdict: (String) -> ServiceVerdict) -> String? {
        for name in serviceLabels {
            guard let value = labels[name] else { continue }
            switch verdict(value) {
            case .skip: continue
            case .named: return nil
            case .word(let word): return word
            }
        }
        return nil
    }

    /// What a service label's value makes of a key: no service word (a prober, nothing left once boiled, several
    /// words), a word the key already names, or the key's service word.
    enum ServiceVerdict {
        case skip, named, word(String)
    }

    /// Verdicts of recent label values and keys, keyed by the value's length, the value and the key.
    private static let recentServiceVerdicts = TextMemo<ServiceVerdict>(capacity: 4_096, maximumLength: 512)

    private static func serviceVerdict(_ value: String, key: String) -> ServiceVerdict {
        guard !proberValues.contains(value.lowercased()) else { return .skip }
        let boiled = BoilMemo.shared.boiled(value)
        guard !boiled.isEmpty, !boiled.utf8.contains(0x20) else { return .skip }
        let keyText = key.lowercased()
        let parts = serviceParts(boiled.lowercased())
        let telling = parts.filter { !serviceSuffixes.contains($0) }
        // A literal search, as Foundation's `contains` made it: on UTF-8 bytes it finds the same places.
        if (telling.isEmpty ? parts : telling).allSatisfy({ contains(keyText, $0) }) { return .named }
        return .word(boiled)
    }
}

extension String {
    /// Drops `[FIRING:1]`, `[RESOLVED]`, `[Triggered]`-style groups wherever they stand.
    fileprivate func replacingStatusGroups() -> String {
        var result = ""
        var rest = Substring(self)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            let inside = rest[rest.index(after: open)..<close].lowercased()
            let word = String(inside.prefix { $0.isLetter || $0 == "_" })
            result += rest[..<open]
            if !AlertKey.statusWords.contains(word) {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
