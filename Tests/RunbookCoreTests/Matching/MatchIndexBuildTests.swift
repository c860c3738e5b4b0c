import Testing

@testable import RunbookCore

struct MatchIndexBuildTests {
    private static let words = [
        "disk", "usage", "warning", "queue", "backlog", "replica", "lag", "certificate", "expiry", "webhook",
        "timeout", "pull", "mirror", "failing", "gateway", "latency", "budget", "burn", "etcd", "leader",
        "election", "postgres", "vacuum", "redis", "eviction", "sidekiq", "job", "retries", "runner", "cache",
    ]

    /// A generated library: `documents` documents of nested sections whose titles and text mix `words`.
    private static func library(documents: Int, sectionsPerDocument: Int) -> Library {
        var generator = SeededGenerator(seed: 7)
        var entries: [Entry] = []
        for document in 0..<documents {
            let file = "service-\(document % 9)/runbook-\(document).md"
            var parent: String?
            for section in 0..<sectionsPerDocument {
                let title = (0..<3).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
                let text = (0..<40).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
                let name = "\(title) \(section)"
                var entry = MatchFixtures.entry(
                    file, name, text: text, path: parent == nil ? [] : ["Overview"], parent: parent)
                entry.aliases = section % 5 == 0 ? ["\(words[section % words.count].capitalized)Alert"] : []
                entries.append(entry)
                if section == 0 { parent = entry.id }
            }
        }
        return MatchFixtures.library(entries)
    }

    @Test(arguments: [2, 3, 8])
    func slicedBuildMatchesTheSerialBuild(slices: Int) {
        let library = MatchIndexBuildTests.library(documents: 40, sectionsPerDocument: 30)
        let serial = MatchIndex(library: library, slices: 1)
        let sliced = MatchIndex(library: library, slices: slices)
        #expect(sliced.entryCount == 1_200)
        let alerts = [
            MatchFixtures.alert(name: "DiskUsageWarning", title: "disk usage warning on runner"),
            MatchFixtures.alert(name: "RedisAlert", title: "redis eviction", labels: ["service": "service-3"]),
            MatchFixtures.alert(title: "pull mirror failing", text: "webhook timeout then sidekiq job retries"),
        ]
        for alert in alerts {
            let expected = serial.match(alert, limit: 10)
            #expect(!expected.isEmpty)
            #expect(sliced.match(alert, limit: 10) == expected)
        }
        #expect(sliced.search("etcd leader election") == serial.search("etcd leader election"))
        let linked = MatchFixtures.alert(
            title: "runbook link", annotations: ["runbook_url": "https://example.com/service-4/runbook-13.md"])
        #expect(!serial.linkedMatches(linked).isEmpty)
        #expect(sliced.linkedMatches(linked) == serial.linkedMatches(linked))
    }
}
