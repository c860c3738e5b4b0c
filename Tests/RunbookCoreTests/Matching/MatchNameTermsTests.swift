import Testing

@testable import RunbookCore

/// Which compounds of the words that name an alert count as the alert's name kept whole (`MatchQuery.Term.isName`,
/// read as `MatchConfidence.nameHit`).
struct MatchNameTermsTests {
    @Test func aTwoPartCompoundIsTheNameOnlyWhenItIsTheWholeName() {
        var query = MatchQuery()
        query.add("TargetDown", field: "alertname", weight: 3, isName: true)
        query.add("xPro production home page", field: "key", weight: 2.5, isName: true)
        query.add("KubePodCrashLooping payments", field: "key", weight: 2.5, isName: true)
        let names = Set(query.terms.filter(\.isName).map(\.term))
        #expect(names.contains("targetdown"))
        // A product's name written as one word, among the other words of a check's name.
        #expect(query.terms.contains { $0.term == "xpro" })
        #expect(!names.contains("xpro"))
        #expect(names.contains("kubepodcrashloop"))
    }

    @Test func aCompoundOfThreePartsInRunningTextIsStillAName() {
        var query = MatchQuery()
        query.add("the hubspot_xpro.tasks.sync_contact task failed", field: "text", weight: 1)
        #expect(query.terms.contains { $0.isName && $0.parts.count >= 3 })
    }
}
