import Testing

@testable import RunbookCore

struct MatchTokenizerTests {
    @Test func splitsCamelCaseAndKeepsTheWholeName() {
        let terms = MatchTokenizer.terms("DiskUsageWarning")
        #expect(terms.contains("diskusagewarn"))
        #expect(Set(MatchTokenizer.terms("disk usage warning")).isSubset(of: Set(terms)))
    }

    @Test(arguments: [
        ("hubspot_xpro.tasks.sync", ["hubspot", "xpro", "task", "sync", "hubspotxprotaskssync"]),
        ("odl-video-service", ["odl", "video", "servic", "odlvideoservic"]),
        ("HighHTTP5xxRate", ["high", "http", "5xx", "rate", "highhttp5xxrate"]),
        ("HTTPServer", ["http", "server", "httpserver"]),
        ("client IPs", ["client", "ip"]),
        ("APIs", ["api"]),
        ("PVCsPending", ["pvc", "pend", "pvcpend"]),
        // One lowercase letter before capitals is a prefix of a brand, not a word of its own.
        ("MIT xPRO", ["mit", "xpro"]),
        ("## XPro", ["xpro"]),
        ("eBayListing", ["ebay", "list", "ebaylist"]),
    ])
    func splitsSeparatorsAndAcronyms(text: String, expected: [String]) {
        #expect(MatchTokenizer.terms(text) == expected)
    }

    @Test(arguments: [
        "ip-10-7-0-78", "10.7.0.78:9100", "3f6b2d0e-91c4-5a7e-b8d2-4e0c9a1f7b35", "1045", "96.43",
        "https://example.com/a/b?c=d", "production", "the of and",
    ])
    func dropsVariableValuesEnvironmentsAndStopWords(text: String) {
        #expect(MatchTokenizer.terms(text).isEmpty)
    }

    @Test func dropsEnvironmentPartsFromCompounds() {
        #expect(MatchTokenizer.terms("mitx-production") == ["mitx"])
        #expect(MatchTokenizer.terms("web-mitx-production").contains("webmitx"))
    }

    @Test func dropsRegionWordsLikeEnvironments() {
        // A CloudWatch alarm named for its cluster and region: the region says where, not what.
        #expect(MatchTokenizer.terms("eks-prod-eu-1-cluster-failed-node-count").filter { $0 == "eu" }.isEmpty)
        #expect(MatchTokenizer.terms("eu-west-1 ap-southeast-2 af-south-1").isEmpty)
        #expect(MatchTokenizer.terms("ca-bundle sa-token") == ["ca", "bundl", "cabundl", "sa", "token", "satoken"])
    }

    @Test(arguments: [
        ("failed", "failing"), ("deals", "deal"), ("updates", "updated"), ("rolled", "roll"), ("lagging", "lag"),
        ("replication", "replica"), ("replicated", "replicas"), ("failure", "fail"), ("rotated", "rotate"),
        ("stopped", "stop"), ("pods", "pod"), ("jobs", "job"), ("logs", "log"), ("eviction", "evicted"),
        ("connections", "connected"), ("retried", "retry"), ("retried", "retries"), ("denied", "deny"),
        ("applied", "apply"), ("availability", "available"), ("unavailability", "unavailable"),
        ("reliability", "reliable"), ("deletion", "delete"), ("execution", "executed"), ("removal", "remove"),
        ("approval", "approved"), ("renewal", "renew"), ("readiness", "ready"), ("emptiness", "empty"),
    ])
    func stemsInflections(one: String, other: String) {
        #expect(MatchTokenizer.stem(one) == MatchTokenizer.stem(other))
    }

    @Test func aCompoundMeetsTheSameNameWrittenAsOneWord() {
        // `CyberSource` in an alert, `Cybersource` in a heading: the compound is stemmed as the word is.
        #expect(MatchTokenizer.terms("CyberSource").contains(MatchTokenizer.stem("cybersource")))
        #expect(MatchTokenizer.terms("Cybersource") == [MatchTokenizer.stem("cybersource")])
    }

    @Test func keepsShortWordsApart() {
        #expect(MatchTokenizer.stem("lag") == "lag")
        #expect(MatchTokenizer.stem("down") == "down")
        #expect(MatchTokenizer.stem("this") == "this")
        #expect(MatchTokenizer.stem("plus") == "plus")
        #expect(MatchTokenizer.stem("production") != MatchTokenizer.stem("product"))
        #expect(MatchTokenizer.stem("business") != MatchTokenizer.stem("busy"))
        #expect(MatchTokenizer.terms("the node is down") == ["node", "down"])
    }

    @Test func emitsBigramsOnlyWhenAsked() {
        #expect(MatchTokenizer.tokens("pull mirror jobs", bigrams: true).contains { $0.term == "pull mirror" })
        #expect(!MatchTokenizer.tokens("pull mirror jobs").contains { $0.kind == .bigram })
    }
}
