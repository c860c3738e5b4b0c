import Testing

@testable import RunbookCore

struct OperationsVocabularyTests {
    @Test(arguments: [
        ("unreachable", "down"), ("not responding", "unavailable"), ("OOMKilled", "out of memory"),
        ("stuck", "not progressing"), ("revoked", "expired token"), ("5xx", "server errors"),
        ("full", "out of space"), ("command line", "cli"), ("lost quorum", "insufficient members"),
        ("pegged", "busy"), ("apdex", "slow"), ("flood", "attack"), ("uneven", "imbalance"),
    ])
    func relatesWordsOfOneGroup(one: String, other: String) throws {
        let term = try #require(OperationsVocabulary.term(one))
        let related = try #require(OperationsVocabulary.term(other))
        #expect(OperationsVocabulary.related[term]?.contains(related) == true)
    }

    @Test func everyMemberIsOneWordOrABigramAfterTokenizing() {
        for group in OperationsVocabulary.groups {
            for member in group {
                #expect(OperationsVocabulary.term(member) != nil, "\(member) tokenizes to nothing or to 3+ words")
            }
        }
    }

    @Test func aRelatedWordLiftsTheEntryThatUsesIt() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("a.md", "Ledger service unreachable", text: "Check the load balancer."),
            MatchFixtures.entry("b.md", "Ledger service slow", text: "Check the database."),
        ])
        let alert = MatchFixtures.alert(title: "ledger service is down")
        #expect(MatchIndex(library: library).match(alert).first?.entry == "a.md#ledger-service-unreachable")
    }

    @Test func relatedTermsDoNotEnlargeTheAlert() {
        var query = MatchQuery()
        query.add("pods stuck", field: "title", weight: 2)
        let words = query.terms.count
        query.addRelatedTerms()
        #expect(query.terms.count > words)
        #expect(query.terms.dropFirst(words).allSatisfy { $0.related && !$0.naming })
    }
}
