import Testing

@testable import RunbookCore

struct BigramTableTests {
    @Test func findsEveryStoredBigramAcrossGrowth() {
        var table = BigramTable()
        let keys = (0..<4_000).map { MatchIndexBuilder.bigramKey(Int32($0 % 61), Int32($0)) }
        for (id, key) in keys.enumerated() { table.insert(key, id: Int32(id)) }
        #expect(table.count == 4_000)
        #expect(keys.enumerated().allSatisfy { table[$0.element] == Int32($0.offset) })
        #expect(table[MatchIndexBuilder.bigramKey(3, 1)] == nil)
        #expect(Set(table.pairs.map(\.id)) == Set((0..<4_000).map(Int32.init)))
    }

    @Test func keyZeroIsAKeyLikeAnyOther() {
        var table = BigramTable()
        #expect(table[0] == nil)
        table.insert(0, id: 0)
        #expect(table[0] == 0)
        #expect(table.pairs.count == 1)
    }
}
