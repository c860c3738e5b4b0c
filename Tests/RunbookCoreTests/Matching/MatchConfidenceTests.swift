import Testing

@testable import RunbookCore

struct MatchConfidenceTests {
    @Test func rivalAsStrongAsTheBestMakesItLessConfident() {
        let alone = MatchConfidence(coverage: 0.8, naming: 0.8, nameHit: false, margin: 0.6, words: 6)
        let tied = MatchConfidence(coverage: 0.8, naming: 0.8, nameHit: false, margin: 0, words: 6)
        #expect(alone.value >= MatchIndex.defaultThreshold)
        #expect(tied.value < alone.value)
    }

    /// `are shards` explained whole by three runbooks of three documents: a guess, however full the coverage.
    @Test func aTwoWordAlertThatTiesWithAnotherDocumentIsNotConfident() {
        var tied = MatchConfidence(coverage: 1, naming: nil, nameHit: false, margin: 0, words: 1)
        tied.titleShare = 1
        var ahead = tied
        ahead.margin = 0.3
        var longer = tied
        longer.words = 6
        #expect(tied.value < MatchIndex.defaultThreshold)
        #expect(ahead.value >= MatchIndex.defaultThreshold)
        #expect(longer.value >= MatchIndex.defaultThreshold)
    }

    @Test func longTextNeedsASmallerShareThanAName() {
        let name = MatchConfidence(coverage: 0.3, naming: nil, nameHit: false, margin: 0.5, words: 4)
        let text = MatchConfidence(coverage: 0.3, naming: nil, nameHit: false, margin: 0.5, words: 24)
        #expect(name.value < MatchIndex.defaultThreshold)
        #expect(text.value > name.value)
        #expect(text.scaledCoverage <= 2 * text.coverage)
    }

    @Test func entryMissingTheAlertsNamingWordsIsLessConfident() {
        let named = MatchConfidence(coverage: 0.6, naming: 1, nameHit: false, margin: 0.5, words: 5)
        let unnamed = MatchConfidence(coverage: 0.6, naming: 0.3, nameHit: false, margin: 0.5, words: 5)
        #expect(unnamed.value < named.value)
    }

    @Test func alertStatingTheWholeHeadingIsMoreConfident() {
        var whole = MatchConfidence(coverage: 0.3, naming: nil, nameHit: false, margin: 0.5, words: 12)
        whole.titleShare = 1
        var half = whole
        half.titleShare = 0.5
        var none = whole
        none.titleShare = 0
        #expect(whole.value >= MatchIndex.defaultThreshold)
        #expect(half.value < MatchIndex.defaultThreshold)
        // Stating little of a heading is no evidence against it: a chat line rarely repeats one.
        #expect(none.value == half.value)
    }

    /// A message without a name (a chat line, a description), whose best answers were right about three times in
    /// four, shows at most 0.75; one with a name keeps its value, and the threshold decides as before for both.
    @Test func aMessageWithoutANameIsNeverNearlyCertain() {
        var best = MatchConfidence(coverage: 1, naming: nil, nameHit: true, margin: 1, words: 20)
        best.titleShare = 1
        var named = best
        named.naming = 1
        #expect(best.value > MatchIndex.defaultThreshold && best.value <= 0.75)
        #expect(best.value > 0.74)
        #expect(named.value > 0.99)
        for coverage in stride(from: 0.0, through: 1.0, by: 0.05) {
            var unnamed = MatchConfidence(coverage: coverage, naming: nil, nameHit: false, margin: 0.4, words: 12)
            unnamed.titleShare = 0.7
            var sameWithName = unnamed
            sameWithName.naming = 0.5
            // `naming` 0.5 adds nothing to the sum: the two differ only in the drawing towards the threshold.
            let threshold = MatchIndex.defaultThreshold
            #expect((unnamed.value >= threshold) == (sameWithName.value >= threshold))
            #expect(unnamed.value <= sameWithName.value)
        }
    }

    /// An answer to a named alert whose entry does not hold the name whole shows less than one whose entry does, at
    /// the same sum, above the threshold only: the threshold takes the same answers, and under it nothing changes.
    /// (`nameHit` adds 2 to the sum, as 0.25 more coverage does for an alert of 8 words or fewer.)
    @Test func aNameTheEntryDoesNotHoldIsLessCertain() {
        let held = MatchConfidence(coverage: 0.7, naming: 0.6, nameHit: true, margin: 0.4, words: 8)
        let notHeld = MatchConfidence(coverage: 0.95, naming: 0.6, nameHit: false, margin: 0.4, words: 8)
        #expect(held.value > 0.98)
        #expect(notHeld.value > 0.9 && notHeld.value < 0.93)
        let heldUnder = MatchConfidence(coverage: 0.1, naming: 0.6, nameHit: true, margin: 0.4, words: 8)
        let notHeldUnder = MatchConfidence(coverage: 0.35, naming: 0.6, nameHit: false, margin: 0.4, words: 8)
        #expect(heldUnder.value < MatchIndex.defaultThreshold)
        #expect(abs(heldUnder.value - notHeldUnder.value) < 1e-9)
        let threshold = MatchIndex.defaultThreshold
        var previous = 0.0
        for coverage in stride(from: 0.0, through: 1.0, by: 0.05) {
            let answer = MatchConfidence(coverage: coverage, naming: 0.6, nameHit: false, margin: 0.4, words: 8)
            // The sum is 0 at coverage 0.4375: the threshold is crossed there and nowhere else.
            #expect((answer.value >= threshold) == (coverage > 0.4375))
            #expect(answer.value >= previous)
            previous = answer.value
        }
    }

    @Test(arguments: [0.0, 0.2, 0.5, 1.0])
    func confidenceStaysInTheUnitInterval(coverage: Double) {
        let value = MatchConfidence(coverage: coverage, naming: coverage, nameHit: true, margin: 1, words: 40).value
        #expect(value > 0 && value < 1)
    }

    @Test func everydayWordsCountLessTowardsTheEvidence() {
        var query = MatchQuery()
        query.add("seeing the heartbeat stopped since yesterday morning", field: "text", weight: 1)
        let evidence = Dictionary(uniqueKeysWithValues: query.terms.map { ($0.term, $0.evidence) })
        #expect(evidence["heartbeat"] == 1)
        #expect(evidence["yesterday"] == ChatWords.weight)
        #expect(evidence[MatchTokenizer.stem("morning")] == ChatWords.weight)
        #expect(evidence[MatchTokenizer.stem("seeing")] == ChatWords.weight)
    }

    @Test func questionTitleDoesNotNameTheAlert() {
        let alert = Alert(source: .text, title: "how do I restart the configuration master?", dedupKey: "q")
        let query = AlertQueryBuilder.query(for: alert)
        #expect(!query.terms.isEmpty)
        #expect(query.terms.allSatisfy { !$0.naming })
    }

    @Test func wordsOfRunningTextNoEntryHasCarryNoEvidence() {
        let index = MatchIndex(library: MatchFixtures.operations)
        let plain = "The alert pipeline stopped sending its heartbeat to the external monitor: heartbeat missing"
        let chatty = plain + " and zorblat quenfy vexing"
        let first = index.match(MatchFixtures.alert(title: plain, text: plain)).first
        let second = index.match(MatchFixtures.alert(title: chatty, text: chatty)).first
        #expect(first?.entry == "monitoring/heartbeat.md#heartbeat-monitor-missing")
        #expect(second?.entry == first?.entry)
        #expect((second?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test func sameSectionInTwoDocumentsIsNotARival() {
        let text = "Tag the release, wait for the image build, then bump the image tag in the infra repository."
        let library = MatchFixtures.library([
            MatchFixtures.entry("connector-readme.md", "Connector"),
            MatchFixtures.entry(
                "connector-readme.md", "Deployment", text: text, path: ["Connector"],
                parent: "connector-readme.md#connector"),
            MatchFixtures.entry("connector-operations.md", "Operations"),
            MatchFixtures.entry(
                "connector-operations.md", "Connector Deployment", text: text, path: ["Operations"],
                parent: "connector-operations.md#operations"),
        ])
        let index = MatchIndex(library: library)
        let alert = MatchFixtures.alert(title: "connector deployment: bump the image tag after the release build")
        let best = index.match(alert).first
        #expect(best?.entry.hasSuffix("deployment") == true)
        #expect((best?.score ?? 0) >= MatchIndex.defaultThreshold)
    }
}

/// A compound of the alert's name that many entries' titles hold (a product's name) does not name one of them.
struct MatchNameHitTests {
    private static func library(products: [String]) -> Library {
        var entries = [
            MatchFixtures.entry("pages.md", "CloudBox Pages returning 404", text: "Check the pages daemon and its logs."),
            MatchFixtures.entry("mail.md", "Mail relay queue", text: "Flush the relay queue."),
            MatchFixtures.entry("db.md", "Database failover", text: "Promote the replica by hand."),
            MatchFixtures.entry("cache.md", "Cache evictions", text: "Raise the memory limit of the cache."),
        ]
        for (offset, product) in products.enumerated() {
            entries.append(MatchFixtures.entry(
                "product-\(offset).md", "\(product) runners", text: "Register a runner and watch its jobs."))
        }
        return MatchFixtures.library(entries)
    }

    /// The check's title shares the product's name and `page` with a section about another page: with the name
    /// in one title it is the alert's name kept whole; in the titles of half the library it says nothing of which.
    @Test func productNameInManyTitlesIsNoNameHit() {
        let alert = MatchFixtures.alert(title: "CloudBox sign in page is DOWN")
        let rare = MatchIndex(library: Self.library(products: ["Buildkite", "Jenkins", "Drone", "Concourse"]))
            .match(alert)
        let common = MatchIndex(library: Self.library(products: Array(repeating: "CloudBox", count: 4)))
            .match(alert)
        #expect(rare.first?.entry == "pages.md#cloudbox-pages-returning-404")
        #expect((rare.first?.score ?? 0) >= MatchIndex.defaultThreshold)
        #expect(common.first?.entry == "pages.md#cloudbox-pages-returning-404")
        #expect((common.first?.score ?? 1) < MatchIndex.defaultThreshold)
    }
}
