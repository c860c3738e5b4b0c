import Foundation
import Testing

@testable import RunbookCore

/// Every entry id the matching development set expects must exist in the parsed library of its corpus.
struct MatchingCaseIdsTests {
    private struct Case: Decodable {
        var id: String
        var corpus: String
        var expect: [String]
    }

    @Test(.enabled(if: SharedFixtures.available))
    func everyExpectedEntryIdExistsInItsCorpus() throws {
        let text = try String(contentsOf: SharedFixtures.matchingCases, encoding: .utf8)
        let cases = try text.split(separator: "\n").map { try JSONDecoder().decode(Case.self, from: Data($0.utf8)) }
        #expect(cases.count >= 60)
        var idsByCorpus: [String: Set<String>] = [:]
        var checked = 0
        for testCase in cases {
            if idsByCorpus[testCase.corpus] == nil {
                var ids: Set<String> = []
                for folder in CorpusSupport.folders(forCorpus: testCase.corpus) {
                    let library = try CorpusSupport.library(folder, name: folder.lastPathComponent)
                    ids.formUnion(library.entries.map(\.id))
                }
                idsByCorpus[testCase.corpus] = ids
            }
            for id in testCase.expect {
                checked += 1
                #expect(idsByCorpus[testCase.corpus]?.contains(id) == true, "\(testCase.id): \(id) not parsed")
            }
        }
        #expect(checked > 60)
    }
}
