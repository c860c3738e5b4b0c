import Testing

@testable import RunbookCore

struct TermTableTests {
    private func intern(_ word: String, in table: inout TermTable) -> Int32 {
        var word = word
        return word.withUTF8 { table.intern($0) }
    }

    @Test func givesEachDistinctTermOneDenseID() {
        var table = TermTable()
        #expect(intern("disk", in: &table) == 0)
        #expect(intern("usage", in: &table) == 1)
        #expect(intern("disk", in: &table) == 0)
        #expect(table.count == 2)
        #expect(table.find("usage") == 1)
        #expect(table.find("warning") == nil)
    }

    @Test func keepsEveryTermFindableAcrossGrowth() {
        var table = TermTable()
        let words = (0..<5_000).map { "term\($0)x" }
        let ids = words.map { intern($0, in: &table) }
        #expect(ids == (0..<5_000).map(Int32.init))
        #expect(words.allSatisfy { table.find($0) == ids[Int($0.dropFirst(4).dropLast())!] })
        #expect(Array(table.bytes(4_321)) == Array("term4321x".utf8))
    }

    @Test func reservedIDsShareTheIDSpaceButNoKeyFindsThem() {
        var table = TermTable()
        _ = intern("pull", in: &table)
        let reserved = (0..<3_000).map { _ in table.reserve() }
        #expect(reserved.first == 1 && reserved.last == 3_000)
        #expect(intern("mirror", in: &table) == 3_001)
        #expect(table.find("") == nil)
        #expect(table.find("pull") == 0 && table.find("mirror") == 3_001)
    }
}
