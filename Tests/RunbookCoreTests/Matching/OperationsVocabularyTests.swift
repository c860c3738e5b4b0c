import Testing

@testable import RunbookCore

struct OperationsVocabularyTests {
    @Test(arguments: [
        ("unreachable", "down"), ("not responding", "unavailable"), ("OOMKilled", "out of memory"),
        ("stuck", "not progressing"), ("revoked", "expired token"), ("5xx", "server errors"),
        ("full", "out of space"), ("command line", "cli"), ("lost quorum", "insufficient members"),
        ("pegged", "busy"), ("apdex", "slow"), ("flood", "attack"), ("uneven", "imbalance"),
        ("configured", "configuration"), ("snapshot", "backup"), ("recovery", "restore"), ("surge", "spike"),
        ("nxdomain", "dns"), ("connection refused", "cannot connect"), ("password", "credentials"),
        ("memory leak", "leak"), ("exception", "error"), ("eks", "kubernetes"), ("gke", "k8s"),
        ("tx", "transmit"), ("rx", "receive"), ("dead man", "watchdog"), ("snitch", "heartbeat"),
        ("decommission", "remove"), ("clock drift", "ntp"), ("dropped packets", "packet loss"),
        ("open files", "file descriptors"), ("ulimit", "fd limit"), ("fd", "file descriptors"),
        ("md array", "raid"), ("mdadm", "raid"), ("owns", "ownership"), ("whitelist", "allowlist"),
        ("blacklist", "deny list"), ("debug", "troubleshoot"), ("bump", "upgrade"), ("wipe", "delete"),
        ("pv", "persistent volume"), ("roll back", "revert"), ("rollback", "downgrade"),
        ("resync", "synchronization"), ("virtual machine", "vm"), ("kubectl", "kubernetes"),
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

    /// A heartbeat service's mail about a missing check-in meets the always-firing alert that feeds it, whatever
    /// the heartbeat is called.
    @Test func aMissingHeartbeatFindsTheWatchdog() {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "watchdog.md", "Watchdog",
                text: "An alert that always fires, to show the whole alerting pipeline works. If it stops, "
                    + "check Prometheus and Alertmanager."),
            MatchFixtures.entry("rules.md", "Rule evaluation failures", text: "Prometheus failed to evaluate rules."),
            MatchFixtures.entry("send.md", "Notifications failing", text: "Alertmanager cannot reach a receiver."),
        ])
        let alert = MatchFixtures.alert(title: "dead man's snitch: heartbeat from prod is missing")
        #expect(MatchIndex(library: library).match(alert).first?.entry == "watchdog.md#watchdog")
    }

    /// An alarm named for Amazon's managed Kubernetes meets a library that says `Kubernetes`: the platform's name,
    /// which no entry has, does not count against the entry as the name of a service no entry covers does.
    @Test func aManagedKubernetesNameIsNoUnknownService() throws {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "node.md", "Node not ready",
                text: "A Kubernetes node whose kubelet stopped reporting: describe the node, read the kubelet log."),
            MatchFixtures.entry("disk.md", "Disk almost full", text: "Free space on the volume of the host."),
            MatchFixtures.entry("queue.md", "Queue backlog", text: "Workers fall behind the queue."),
            MatchFixtures.entry("cert.md", "Certificate expiry", text: "Renew the certificate before it lapses."),
        ])
        let index = MatchIndex(library: library)
        let title = "Container Insights: node not ready"
        let managed = try #require(index.match(MatchFixtures.alert(name: "eks-node-failing", title: title)).first)
        let unknown = try #require(index.match(MatchFixtures.alert(name: "zorp-node-failing", title: title)).first)
        #expect(managed.entry == "node.md#node-not-ready" && unknown.entry == managed.entry)
        #expect(managed.score >= MatchIndex.defaultThreshold)
        #expect(managed.score > unknown.score + 0.1)
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

/// A word of the alert that the entry says in other words counts as explained in full.
struct MatchRelatedWordsTests {
    private static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "ledger.md", "Ledger worker down on a primary host",
            text: "Restart the ledger worker with systemctl and read its journal for the panic that stopped it."),
        MatchFixtures.entry("billing.md", "Billing export down", text: "The export is down when its bucket is gone."),
        MatchFixtures.entry("search.md", "Search down", text: "Search is down while the shards are red."),
        MatchFixtures.entry("gateway.md", "Gateway down", text: "Requests fail while the gateway is down."),
        MatchFixtures.entry("mail.md", "Mail queue", text: "Dead letters pile up in the mail queue."),
        MatchFixtures.entry("cache.md", "Cache", text: "Flush the cache when it serves stale pages."),
        MatchFixtures.entry("invoices.md", "Invoices", text: "Invoices and refunds wait in a queue for the exporter."),
        MatchFixtures.entry("ledger-api.md", "Ledger worker slow", text: "The worker falls behind on large batches: its journal shows why."),
    ])

    /// `dead` is rare in the library and `down` common: credited with `down`'s own weight, the alert's `dead`
    /// held the answer under the threshold though the entry explains every other word of the report.
    @Test func aWordSaidOtherwiseIsExplainedInFull() {
        let alert = MatchFixtures.alert(
            title: "The ledger worker process is dead: systemctl shows a panic at the end of its journal, "
                + "and invoices and refunds queue behind it")
        let match = MatchIndex(library: MatchRelatedWordsTests.library).match(alert)
        #expect(match.first?.entry == "ledger.md#ledger-worker-down-on-a-primary-host")
        #expect((match.first?.score ?? 0) >= MatchIndex.defaultThreshold)
    }
}

/// A product named short in the library and in full in the alert (`elastic/` and `Elasticsearch`).
struct MatchPrefixTermsTests {
    @Test func aLongNamingWordBringsTheLongestLibraryWordItStartsWith() {
        var query = MatchQuery()
        query.add("Elasticsearch stopped", field: "alertname", weight: 3, isName: true)
        // `elasticsea` leaves three letters: an ending, not a longer name; `elastic` is the longest then.
        let words: Set<String> = ["elast", "elastic", "elasticsea", "stop"]
        query.addPrefixTerms { words.contains(String(decoding: $0, as: UTF8.self)) }
        let related = query.terms.filter(\.related)
        #expect(related.map(\.term) == ["elastic"])
        #expect(related.first.map { query.terms[$0.source].term } == "elasticsearch")
    }

    @Test func runningTextBringsNoPrefixTerms() {
        var query = MatchQuery()
        query.add("the elasticsearch cluster is slow", field: "text", weight: 1)
        query.addPrefixTerms { _ in true }
        #expect(query.terms.filter(\.related).isEmpty)
    }

    @Test func theShortNameOfTheLibraryRaisesTheProductsEntry() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("logging/README.md", "Index lifecycle", text: "Indices roll over every day."),
            MatchFixtures.entry("elastic/README.md", "Index lifecycle", text: "Indices roll over every day."),
            MatchFixtures.entry("redis/README.md", "Memory", text: "Keys are evicted."),
            MatchFixtures.entry("postgres/README.md", "Vacuum", text: "Dead tuples pile up."),
        ])
        let alert = MatchFixtures.alert(name: "ElasticsearchIndexLifecycleStopped", title: "Index lifecycle stopped")
        let matches = MatchIndex(library: library).match(alert)
        #expect(matches.first?.entry == "elastic/README.md#index-lifecycle")
        #expect(matches.first?.evidence.contains { $0.term == "elastic" } == true)
    }
}
