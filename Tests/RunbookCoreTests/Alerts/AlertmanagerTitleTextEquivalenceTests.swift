import Foundation
import Testing

@testable import RunbookCore

/// The Alertmanager title and text, and `AlertText`, built with fewer copies since `f470205`, give what the code
/// before gave (kept below, its text unchanged but for the names) on generated names, headlines and annotations.
struct AlertmanagerTitleTextEquivalenceTests {
    static let words = [
        "", " ", "DiskFull", "diskfull", "Disk full on db-1", "  padded  ", "\tTabbed", "Line\nbreak", "café",
        "CAFÉ down", "Ошибка", "e\u{301}", "🔥", "\u{00A0}nbsp\u{00A0}", "HighLatency", "highlatency on x",
        "a", "A", String(repeating: "long words here ", count: 20), "\r\n", "x\u{2028}y",
    ]
    static let annotationNames = [
        "summary", "title", "description", "message", "runbook_url", "dashboardURL", "Url", "note", "descrition",
        "zeta", "caf\u{00E9}", "Summary",
    ]

    @Test func titlesAreTheSameAsBefore() {
        var random = SeededGenerator(seed: 77)
        for _ in 0..<5_000 {
            let name = Bool.random(using: &random) ? Self.words.randomElement(using: &random) : nil
            var headline = Bool.random(using: &random) ? Self.words.randomElement(using: &random) : nil
            if let name, Int.random(in: 0..<4, using: &random) == 0 {
                headline = (headline ?? "") + " " + name.uppercased() + " on host"
            }
            #expect(
                AlertTitle.join(name, headline) == BeforeTitle.join(name, headline),
                "\(name ?? "nil") \(headline ?? "nil")")
        }
    }

    @Test func textsAreTheSameAsBefore() {
        var random = SeededGenerator(seed: 78)
        for _ in 0..<3_000 {
            var annotations: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                annotations[Self.annotationNames.randomElement(using: &random)!] =
                    Self.words.randomElement(using: &random)!
            }
            let alert = AlertmanagerDecoder.alert(
                labels: ["alertname": "X"], annotations: annotations, status: .firing, startsAt: Date(),
                endsAt: nil, fingerprint: "f", groupKey: nil, url: nil)
            #expect(alert.text == BeforeTitle.text(annotations), "\(annotations)")
        }
    }

    @Test func alertTextKeepsWhatItKeptBefore() {
        var random = SeededGenerator(seed: 79)
        let long = [
            String(repeating: "disk full ", count: 1_700), String(repeating: "é", count: 16_500),
            String(repeating: "a\r\n", count: 6_000), String(repeating: "x", count: 16_384),
        ]
        for _ in 0..<400 {
            var text = AlertText()
            var before = BeforeText()
            for _ in 0..<Int.random(in: 0...14, using: &random) {
                let candidate = Int.random(in: 0..<8, using: &random) == 0
                    ? long.randomElement(using: &random)! : Self.words.randomElement(using: &random)!
                text.add(candidate)
                before.add(candidate)
            }
            #expect(text.text == before.text)
        }
    }
}

/// `AlertText.add` as it was at `f470205`.
struct BeforeText {
    private var parts: [String] = []
    private var seen: Set<String> = []
    private var length = 0

    var text: String {
        parts.joined(separator: "\n")
    }

    var isFull: Bool {
        length >= AlertText.limit
    }

    mutating func add(_ candidate: String?) {
        guard let candidate, !isFull else { return }
        let trimmed = candidate.prefix(AlertText.limit + 64).trimmingBlanks(newlines: true)
        guard !trimmed.isEmpty, !seen.contains(trimmed) else { return }
        let room = AlertText.limit - length
        let kept = trimmed.utf8.count > room && trimmed.count > room ? String(trimmed.prefix(room)) : trimmed
        seen.insert(trimmed)
        parts.append(kept)
        length += kept.count + 1
    }
}

/// `AlertTitle.join` and `AlertmanagerDecoder.text` as they were at `f470205`.
enum BeforeTitle {
    static func join(_ name: String?, _ headline: String?) -> String {
        let parts = [name, headline].compactMap { $0.map(trimmed) }.filter { !$0.isEmpty }
        guard parts.count == 2 else { return AlertTitle.clean(parts.first ?? "") }
        if contains(parts[1], parts[0]) { return AlertTitle.clean(parts[1]) }
        return AlertTitle.clean("\(parts[0]): \(parts[1])")
    }

    static func text(_ annotations: [String: String]) -> String {
        let leadingAnnotations = AlertmanagerDecoder.leadingAnnotations
        var text = AlertText()
        let rest = annotations.keys.filter { !leadingAnnotations.contains($0) }.sorted()
        for key in leadingAnnotations + rest where !key.lowercased().hasSuffix("url") {
            text.add(annotations[key])
        }
        return text.text
    }

    private static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !CharacterSet.whitespacesAndNewlines.contains(first),
              !CharacterSet.whitespacesAndNewlines.contains(last)
        else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return text
    }

    private static func contains(_ text: String, _ part: String) -> Bool {
        let haystack = Array(text.utf8)
        let needle = Array(part.utf8)
        guard haystack.allSatisfy({ $0 < 0x80 }), needle.allSatisfy({ $0 < 0x80 }) else {
            return text.localizedCaseInsensitiveContains(part)
        }
        guard needle.count <= haystack.count else { return false }
        let lowered = haystack.map(lower)
        let wanted = needle.map(lower)
        for start in 0...(lowered.count - wanted.count)
        where lowered[start..<(start + wanted.count)].elementsEqual(wanted) {
            return true
        }
        return false
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
