import Foundation
import Testing

@testable import RunbookCore

/// Entries keyed to an alert name and a service answer that alert for that service only.
struct ServiceScopeTests {
    /// Our own small library: one alert name keyed to two services, one generic entry, one product section.
    static let library = MatchFixtures.library([
        MatchFixtures.entry("oncall.md", "Products"),
        MatchFixtures.entry("oncall.md", "Search", path: ["Products"], parent: "oncall.md#products"),
        MatchFixtures.entry(
            "oncall.md", "QueueDepthHigh search-indexer", text: "Drain the indexer queue with the purge task.",
            path: ["Products", "Search"], parent: "oncall.md#search"),
        MatchFixtures.entry("oncall.md", "Billing", path: ["Products"], parent: "oncall.md#products"),
        MatchFixtures.entry(
            "oncall.md", "QueueDepthHigh billing-worker", text: "Pause the invoice run before draining.",
            path: ["Products", "Billing"], parent: "oncall.md#billing"),
        MatchFixtures.entry(
            "platform.md", "CacheEvictionsHigh <SERVICE>", text: "Raise the cache size of the service."),
        MatchFixtures.entry(
            "platform.md", "ConnectionPoolExhausted gateway-<ENVIRONMENT>", text: "Restart the gateway pods."),
    ])

    static let index = MatchIndex(library: library)

    func best(_ text: String) throws -> Match {
        let alert = try #require(try AlertDecoder.decode(Data(text.utf8), format: .text, receivedAt: Date()).first)
        return try #require(Self.index.match(alert).first)
    }

    @Test func theEntryOfTheAlertsServiceAnswersIt() throws {
        let match = try best("QueueDepthHigh billing-worker")
        #expect(match.entry == "oncall.md#queuedepthhigh-billing-worker")
        #expect(match.score >= MatchIndex.defaultThreshold)
    }

    @Test func anotherServicesEntryIsACandidateWithTheEvidenceAgainstIt() throws {
        let alert = MatchFixtures.alert(
            name: "QueueDepthHigh", title: "Queue depth high", labels: ["service": "payments-api"])
        let matches = Self.index.match(alert)
        #expect(matches.allSatisfy { $0.score < MatchIndex.defaultThreshold })
        let candidates = matches.filter { $0.entry.contains("queuedepthhigh") }
        #expect(candidates.count == 2)
        #expect(candidates.allSatisfy { match in
            match.evidence.contains { $0.term == "service payments-api: not named by this entry" && $0.weight < 0 }
        })
    }

    @Test func aWordOfTheProblemAfterTheServiceIsNoService() throws {
        // `backlog` says what is wrong with billing-worker; read as a service, it would outweigh `billing`.
        let match = try best("QueueDepthHigh billing-worker backlog")
        #expect(match.entry == "oncall.md#queuedepthhigh-billing-worker")
        #expect(match.score >= MatchIndex.defaultThreshold)
    }

    @Test func aWordOfOperationsInTheServicesPlaceIsTheService() throws {
        // `backup` right after the name is the service the alert is for, though the vocabulary has the word: no entry
        // keyed to QueueDepthHigh names it.
        let match = try best("QueueDepthHigh backup")
        #expect(match.score < MatchIndex.defaultThreshold)
        #expect(match.evidence.contains { $0.term == "service backup: not named by this entry" })
    }

    @Test func aPlaceholderInTheServicePositionAnswersAnyService() throws {
        let match = try best("CacheEvictionsHigh checkout-cache")
        #expect(match.entry == "platform.md#cacheevictionshigh--service-")
        #expect(match.score >= MatchIndex.defaultThreshold)
    }

    @Test func theFixedPartBesideAPlaceholderStillNamesTheService() throws {
        let own = try best("ConnectionPoolExhausted gateway-staging")
        #expect(own.score >= MatchIndex.defaultThreshold)
        let other = try best("ConnectionPoolExhausted ledger-db")
        #expect(other.score < MatchIndex.defaultThreshold)
    }

    @Test func anEntryKeyedToAnotherAlertNameIsNotConfident() throws {
        let alert = try #require(try AlertDecoder.decode(
            Data("QueueLatencyHigh search-indexer".utf8), format: .text, receivedAt: Date()).first)
        let matches = Self.index.match(alert)
        let keyed = try #require(matches.first { $0.entry == "oncall.md#queuedepthhigh-search-indexer" })
        #expect(keyed.score < MatchIndex.defaultThreshold)
        #expect(keyed.evidence.first?.term == "alert QueueLatencyHigh: not named by this entry")
    }

    /// A runbook of one alert per file titled with a two-part name (`KubeletDown` in `KubeletDown.md`) is keyed to
    /// that alert; a product's name of two parts in a document of another name is not an alert's.
    @Test func aTwoPartNameThatIsItsFilesNameIsAnAlerts() throws {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "kubelet/KubeletDown.md", "KubeletDown",
                text: "The kubelet on a node is not reachable: pods on it are not scheduled or restarted."),
            MatchFixtures.entry("storage/postgres.md", "PostgreSQL", text: "How the database of the pods is run."),
            MatchFixtures.entry("nodes/drain.md", "Draining a node", text: "Cordon the node and evict its pods."),
            MatchFixtures.entry("nodes/labels.md", "Node labels", text: "Label nodes for their workloads."),
        ])
        let index = MatchIndex(library: library)
        let other = try #require(index.match(MatchFixtures.alert(
            name: "KubeletTooManyPods", title: "KubeletTooManyPods: the kubelet on a node runs too many pods"))
            .first { $0.entry == "kubelet/KubeletDown.md#kubeletdown" })
        #expect(other.score < MatchIndex.defaultThreshold)
        #expect(other.evidence.first?.term == "alert KubeletTooManyPods: not named by this entry")
        let own = try #require(index.match(MatchFixtures.alert(
            name: "KubeletDown", title: "KubeletDown: the kubelet on a node is not reachable")).first)
        #expect(own.entry == "kubelet/KubeletDown.md#kubeletdown")
        #expect(own.score >= MatchIndex.defaultThreshold)
        let product = try #require(index.match(MatchFixtures.alert(
            name: "PostgreSQLReplicationStopped", title: "PostgreSQLReplicationStopped: the database stopped"))
            .first { $0.entry == "storage/postgres.md#postgresql" })
        #expect(!product.evidence.contains { $0.weight < 0 })
    }

    @Test func subjectWordsAreTheKeysFirstWordsWithoutPaths() {
        let scope = ServiceScope(subject: "DiskUsageWarning apps odl-video-service /dev/nvme0n1p1")
        #expect(scope.chunks.map(\.text) == ["DiskUsageWarning", "apps", "odl-video-service"])
        #expect(scope.chunks.map(\.isName) == [true, false, false])
        #expect(ServiceScope(subject: "redis-cache failed over twice today", named: false).chunks.isEmpty)
    }

    /// A runbook of one alert per file may title it in words (`CPU Throttling High` in `CPUThrottlingHigh.md`): it is
    /// still keyed to that alert's name, and answers no other.
    @Test func aTitleThatSpellsItsFilesNameInWordsIsKeyedToIt() throws {
        let index = MatchIndex(library: MatchFixtures.library([
            MatchFixtures.entry(
                "kubernetes/CPUThrottlingHigh.md", "CPU Throttling High",
                text: "Containers of a pod are throttled: their CPU limit is lower than the CPU they use."),
            MatchFixtures.entry("capacity.md", "Capacity planning", text: "Add nodes before the pool is full."),
        ]))
        let id = "kubernetes/CPUThrottlingHigh.md#cpu-throttling-high"
        let own = try #require(index.match(MatchFixtures.alert(
            name: "CPUThrottlingHigh", title: "CPUThrottlingHigh: processes are throttled")).first)
        #expect(own.entry == id)
        #expect(own.score >= MatchIndex.defaultThreshold)
        let other = try #require(index.match(MatchFixtures.alert(
            name: "NodeCPUHighUsage", title: "NodeCPUHighUsage: CPU usage of the node is high")).first { $0.entry == id })
        #expect(other.score <= ServiceScope.ceiling)
        #expect(other.evidence.first?.term == "alert NodeCPUHighUsage: not named by this entry")
    }

    /// An entry keyed to an alert name and a service answers that alert there, not every alert of the service: a
    /// check that never says a word of the name is only a candidate; one worded otherwise but saying it still answers.
    @Test func anEntryKeyedToAnAlertAndAServiceAnswersNoAlertThatNeverNamesIt() throws {
        let down = MatchFixtures.alert(
            title: "TimeoutError: search-indexer timed out", text: "search-indexer timed out reading the index")
        let keyed = try #require(Self.index.match(down).first { $0.entry == "oncall.md#queuedepthhigh-search-indexer" })
        #expect(keyed.score <= ServiceScope.ceiling)
        #expect(keyed.evidence.first?.term == "keyed to QueueDepthHigh, an alert this one never names")
        let worded = try best("the search-indexer queue is deep again, do I drain it?")
        #expect(worded.entry == "oncall.md#queuedepthhigh-search-indexer")
        #expect(!worded.evidence.contains { $0.weight < 0 })
    }

    /// `ClusterNotUpgradeable` is an alert's name though `Not` is no indexed word: the entry of
    /// `StorageOperatorNotUpgradeable` shares its last word and is not its answer.
    @Test func aNameWithAStopWordInItIsStillAName() throws {
        #expect(ServiceScope(subject: "ClusterNotUpgradeable").chunks.map(\.isName) == [true])
        #expect(ServiceScope(subject: "GitLab NotReady").chunks.map(\.isName) == [false, false])
        #expect(ServiceScope.segmentCount("PostgreSQL_CommitRateTooLow") == 6)
        #expect(ServiceScope(subject: "OpenEdX").chunks.map(\.isName) == [false])
        let index = MatchIndex(library: MatchFixtures.library([
            MatchFixtures.entry(
                "storage/StorageOperatorNotUpgradeable.md", "StorageOperatorNotUpgradeable",
                text: "The storage operator is marked not upgradeable: cluster upgrades wait until it is healthy."),
            MatchFixtures.entry("upgrades.md", "Planning upgrades", text: "Read the release notes first."),
        ]))
        let alert = MatchFixtures.alert(
            name: "ClusterNotUpgradeable", title: "ClusterNotUpgradeable: cluster operators block minor upgrades")
        let keyed = try #require(index.match(alert).first {
            $0.entry == "storage/StorageOperatorNotUpgradeable.md#storageoperatornotupgradeable"
        })
        #expect(keyed.score <= ServiceScope.ceiling)
        #expect(keyed.evidence.first?.term == "alert ClusterNotUpgradeable: not named by this entry")
    }

    /// `## Search` has no text of its own and only entries keyed to alert names under it: it names the service, not
    /// an answer for another alert of that service.
    @Test func aSectionThatOnlyGroupsAlertEntriesAnswersNoOtherAlert() throws {
        let alert = MatchFixtures.alert(
            name: "CPUUsageHigh", title: "CPUUsageHigh search-indexer", labels: ["service": "search-indexer"])
        let matches = Self.index.match(alert)
        let section = try #require(matches.first { $0.entry == "oncall.md#search" })
        #expect(section.score <= ServiceScope.ceiling)
        #expect(section.evidence.first?.term == "alert CPUUsageHigh: not named by this entry")
        #expect(matches.allSatisfy { $0.score < MatchIndex.defaultThreshold })
        let own = try best("QueueDepthHigh search-indexer")
        #expect(own.entry == "oncall.md#queuedepthhigh-search-indexer")
        #expect(own.score >= MatchIndex.defaultThreshold)
    }
}

/// A product the library gives a section of its own (`## Ledger` under `# Products`) is a service when an alert names
/// it, though the library has the word: an entry under another product's section is that product's, not the alert's.
struct ProductSectionScopeTests {
    private static let library = MatchFixtures.library([
        MatchFixtures.entry("ops.md", "Products"),
        MatchFixtures.entry("ops.md", "Shop", path: ["Products"], parent: "ops.md#products"),
        MatchFixtures.entry(
            "ops.md", "ApiException crm_shop.tasks.sync_contact_with_crm",
            text: "The CRM rejected the shop's API key: rotate the key in the CRM, then in the shop's secrets.",
            path: ["Products", "Shop"], parent: "ops.md#shop"),
        MatchFixtures.entry("ops.md", "Ledger", text: "The ledger books payments nightly.", path: ["Products"],
                            parent: "ops.md#products"),
        MatchFixtures.entry(
            "ops.md", "DiskUsageWarning ledger", text: "Old exports fill the ledger's volume.",
            path: ["Products", "Ledger"], parent: "ops.md#ledger"),
        MatchFixtures.entry("queue.md", "Queue backlog", text: "Workers fall behind the queue."),
    ])

    @Test func anotherProductsEntryIsACandidate() throws {
        let alert = MatchFixtures.alert(
            title: "ApiException ledger", text: "crm_sync.tasks: 429 rate limited by the CRM")
        let best = try #require(MatchIndex(library: ProductSectionScopeTests.library).match(alert).first)
        #expect(best.entry == "ops.md#apiexception-crm-shop-tasks-sync-contact-with-crm")
        #expect(best.score <= ServiceScope.ceiling)
        #expect(best.evidence.first?.term == "service ledger: not named by this entry")
    }

    @Test func theProductsOwnEntryAnswers() throws {
        let alert = MatchFixtures.alert(title: "ApiException shop", text: "crm_sync.tasks: 429 rate limited by the CRM")
        let best = try #require(MatchIndex(library: ProductSectionScopeTests.library).match(alert).first)
        #expect(best.entry == "ops.md#apiexception-crm-shop-tasks-sync-contact-with-crm")
        #expect(best.score >= MatchIndex.defaultThreshold)
    }
}

/// A rule that fires one alert per namespace and severity names them `Family_Variant`
/// (`NetpolDenied_PerDstNamespaceWarning`); the runbook of the family answers every variant.
struct AlertFamilyTests {
    private static let index = MatchIndex(library: MatchFixtures.library([
        MatchFixtures.entry(
            "NetpolDenied.md", "NetpolDenied",
            text: "Traffic is denied by network policies. The rule has variants per source and destination "
                + "namespace. Check which policy drops the flows in the network observability console."),
        MatchFixtures.entry(
            "DNSErrors.md", "DNSErrors",
            text: "DNS queries of the traffic fail. The rule has variants per source and destination namespace."),
        MatchFixtures.entry(
            "NetObservNoFlows.md", "NetObservNoFlows",
            text: "The network observability flow collector receives no traffic flows."),
    ]))

    @Test(arguments: [
        ("NetpolDenied_PerDstNamespaceWarning", "Traffic denied by network policies", "NetpolDenied.md#netpoldenied"),
        ("DNSErrors_PerSrcNamespaceCritical", "DNS errors in the traffic of a namespace", "DNSErrors.md#dnserrors"),
    ])
    func theFamilysRunbookAnswersAVariant(name: String, summary: String, entry: String) throws {
        let alert = MatchFixtures.alert(name: name, title: "\(name): \(summary)", annotations: ["summary": summary])
        let best = try #require(AlertFamilyTests.index.match(alert).first)
        #expect(best.entry == entry)
        #expect(best.score >= MatchIndex.defaultThreshold)
        #expect(!best.evidence.contains { $0.term.contains("not named by this entry") })
    }

    /// Another family's variant is not answered by this one's runbook.
    @Test func anotherFamilysVariantIsNotAnswered() throws {
        let alert = MatchFixtures.alert(
            name: "NetpolAllowed_PerDstNamespaceInfo", title: "NetpolAllowed_PerDstNamespaceInfo: traffic allowed",
            annotations: ["summary": "Traffic allowed by network policies"])
        let best = try #require(AlertFamilyTests.index.match(alert).first)
        #expect(best.score < MatchIndex.defaultThreshold)
    }
}

/// An entry keyed to an alert name and a service in its own heading (`DiskUsageWarning relaywatcher`) under a product
/// section that names the product whole (`## MailRelayWatcher`) answers that service: an alert for another service of
/// the product (`mailrelay`, a word of the section's name only) is not answered by it.
struct OwnHeadingServiceTests {
    private static let index = MatchIndex(library: MatchFixtures.library([
        MatchFixtures.entry("oncall.md", "Products"),
        MatchFixtures.entry("oncall.md", "MailRelayWatcher", path: ["Products"], parent: "oncall.md#products"),
        MatchFixtures.entry(
            "oncall.md", "DiskUsageWarning relaywatcher",
            text: "The watcher's log fills the root volume: delete relaywatcher.log, then restart the watcher.",
            path: ["Products", "MailRelayWatcher"], parent: "oncall.md#mailrelaywatcher"),
    ]))
    private static let entry = "oncall.md#diskusagewarning-relaywatcher"

    private func best(service: String) throws -> Match {
        let alert = MatchFixtures.alert(
            name: "DiskUsageWarning", title: "Filesystem / on ip-10-7-1-54 is 86% full",
            labels: ["application": service])
        return try #require(Self.index.match(alert).first)
    }

    @Test func anotherServiceOfTheProductIsACandidateWithTheEvidence() throws {
        let match = try best(service: "mailrelay")
        #expect(match.entry == Self.entry)
        #expect(match.score <= ServiceScope.ceiling)
        #expect(match.evidence.first?.term == "service mailrelay: this entry is for relaywatcher")
    }

    @Test(arguments: ["relaywatcher", "mailrelay-watcher"])
    func theHeadingsServiceOrTheWholeProductAnswers(service: String) throws {
        let match = try best(service: service)
        #expect(match.entry == Self.entry)
        #expect(match.score >= MatchIndex.defaultThreshold)
        #expect(match.evidence.allSatisfy { $0.weight >= 0 })
    }
}
