import Foundation
import Testing

@testable import RunbookCore

struct StringSearchTests {
    static let haystacks = [
        "", "<", "ls -l <<<<<<<< offender", "cat <<EOF", "a}}b}}c", "ERROR: disk full", "no marker here",
        "é <<<< ü 中文 🙂 <<<<", "x # <- note", "{{ .Labels.instance }}", "tab\there", "ab", "aab", "abab",
    ]
    static let needles = ["<<<<", "<<", "}}", "ERROR", " # <-", "\t", "ab", "a", "🙂", "中文"]

    @Test(arguments: haystacks)
    func findsWhatFoundationFinds(haystack: String) {
        for needle in Self.needles {
            let ours = haystack.firstRange(ofBytes: needle)
            let foundation = haystack.range(of: needle)
            #expect(ours == foundation, "\(needle) in \(haystack)")
            #expect(haystack.containsBytes(needle) == (foundation != nil))
        }
    }

    @Test
    func aSubstringIsSearchedWithinItsBounds() throws {
        let text = "<<<< head | tail <<<<"
        let tail = text[text.index(text.startIndex, offsetBy: 4)...]
        let range = try #require(tail.firstRange(ofBytes: "<<<<"))
        #expect(text[range.upperBound...].isEmpty)
        #expect(text[..<range.lowerBound] == "<<<< head | tail ")
        #expect(!text.dropLast(4).dropFirst(4).containsBytes("<<<<"))
    }

    @Test
    func anEmptyNeedleIsFoundAtTheStartAndALongerOneNowhere() {
        #expect("abc".firstRange(ofBytes: "") == "abc".startIndex..<"abc".startIndex)
        #expect("ab".firstRange(ofBytes: "abc") == nil)
        #expect("".firstRange(ofBytes: "a") == nil)
    }
}

struct ASCIILineSplitTests {
    @Test(arguments: [
        "", "\n", "one", "one\n", "\none", "one\ntwo", "one\n\ntwo\n\n", "é\n中文\n🙂", "crlf\r\nline\rcr\n", "\r\n",
        "a\n\u{301}b",
    ])
    func splitAsCharactersSplit(text: String) {
        for omitting in [false, true] {
            let expected = text.split(separator: "\n", omittingEmptySubsequences: omitting)
            let ours = text.asciiSplit("\n", omittingEmptySubsequences: omitting)
            #expect(ours == expected, "\(text.debugDescription) \(omitting)")
        }
    }
}

struct ShellWordsTests {
    @Test(arguments: [
        "", " ", "df -h", "  kubectl  get\tpods  ", "a\t\tb", "crlf\r\n x", "é ü", "x \u{301}y",
        "/dev/root 20G 16G 80%",
    ])
    func splitAsCharactersSplit(line: String) {
        let expected = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        #expect(ShellLine.words(of: line) == expected, "\(line.debugDescription)")
    }
}

struct ASCIISplitWhereTests {
    @Test(arguments: ["", "a;b(c d", "export A=1; read B", "é;ü (x", ";;", "x \u{301};y", "for N in 1 2; do"])
    func splitAsCharactersSplit(text: String) {
        let separators: Set<Character> = [" ", "\t", ";", "("]
        let expected = text.split(whereSeparator: { separators.contains($0) })
        let ours = text.asciiSplit { $0 == 0x20 || $0 == 0x09 || $0 == 0x3B || $0 == 0x28 }
        #expect(ours == expected, "\(text.debugDescription)")
    }
}

struct InlinePlainTextTests {
    @Test(arguments: [
        "", "Disk usage warning", "Restart the service!", "line one\nline two  \n", "é ü 中文 🙂 e\u{301}",
        "100% full > 90 (threshold)", "a!b", "tabs\tand\r\nCRLF", "#heading-like text", "x = 1; y = 2 | z",
        // Each byte that starts markup, in a text the scan changes: left out of the table, it would fail here.
        "a \\*b", "a `b`", "x &amp; y", "<https://x.example>", "[x](y)", "![i](p)", "a *b*", "a _b_", "~~s~~",
    ])
    func plainTextIsWhatTheScanGives(text: String) {
        let parser = InlineParser(definitions: nil)
        #expect(parser.parse(text) == parser.scanned(text), "\(text.debugDescription)")
    }
}
