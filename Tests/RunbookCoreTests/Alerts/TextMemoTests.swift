import Testing

@testable import RunbookCore

struct TextMemoTests {
    @Test func canonicallyEquivalentTextsAreRememberedApart() {
        let memo = TextMemo<Int>(maximumLength: 64)
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        #expect(memo.value(for: composed) { $0.utf8.count } == 5)
        #expect(memo.value(for: decomposed) { $0.utf8.count } == 6)
        #expect(memo.value(for: composed) { _ in -1 } == 5)
    }

    @Test func aRememberedTextIsNotWorkedOutAgain() {
        let memo = TextMemo<String>(maximumLength: 64)
        var calls = 0
        for _ in 0..<3 {
            #expect(memo.value(for: "DiskUsageWarning") { calls += 1; return AlertKey.boil($0) } == "DiskUsageWarning")
        }
        #expect(calls == 1)
    }

    @Test func longTextsAreWorkedOutEveryTime() {
        let memo = TextMemo<Int>(maximumLength: 8)
        var calls = 0
        for _ in 0..<3 {
            _ = memo.value(for: "a text over eight bytes") { calls += 1; return $0.count }
        }
        #expect(calls == 3)
    }

    @Test func aFullMemoStartsAfresh() {
        let memo = TextMemo<Int>(capacity: 4, maximumLength: 64)
        for number in 0..<4 {
            _ = memo.value(for: "text \(number)") { _ in number }
        }
        #expect(memo.value(for: "text 0") { _ in -1 } == 0)
        _ = memo.value(for: "text 4") { _ in 4 }
        #expect(memo.value(for: "text 0") { _ in -1 } == -1)
    }
}
