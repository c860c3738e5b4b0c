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
