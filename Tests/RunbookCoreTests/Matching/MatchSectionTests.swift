import Testing

@testable import RunbookCore

/// Which section of a document answers, and how sure the matcher is of it.
struct MatchSectionTests {
    /// The introduction borrows its sections' words and the document's name, and scores a little above the
    /// section whose heading the question states ("deployment steps"): the section answers, the introduction
    /// follows it.
    @Test func sectionStatingTheQuestionAnswersBeforeItsIntroduction() {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "shipper-operations.md", "Operations",
                text: "What the shipper api and worker do, how it is rolled out, and who owns the api and the worker."),
            MatchFixtures.entry(
                "shipper-operations.md", "Deployment",
                text: "Build the api and worker images, push them, then roll the service out one task at a time.",
                path: ["Operations"], parent: "shipper-operations.md#operations"),
            MatchFixtures.entry(
                "shipper-operations.md", "Logs", text: "The worker writes JSON lines to the log drain.",
                path: ["Operations"], parent: "shipper-operations.md#operations"),
            MatchFixtures.entry("billing.md", "Billing", text: "Invoices are sent at night by a worker task."),
            MatchFixtures.entry("billing.md", "Refunds", text: "Refund a payment from the admin console."),
        ])
        let alert = MatchFixtures.alert(
            title: "Shipping shipper 3.14 today with a new api and worker: I have never rolled it out, what are the deployment steps?")
        let matches = MatchIndex(library: library).match(alert)
        #expect(matches.first?.entry == "shipper-operations.md#deployment")
        #expect(matches.prefix(3).contains { $0.entry == "shipper-operations.md#operations" })
    }

    @Test func serviceNamedByTheDocumentExplainsTheAlertsCompound() {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "billing-worker-guide.md", "Logs",
                text: "The worker writes JSON lines to Papertrail; search them by invoice id."),
            MatchFixtures.entry("billing-worker-guide.md", "Restarts", text: "Restart the worker from the console."),
            MatchFixtures.entry(
                "deploys.md", "Deploying", text: "The billing-worker and the web app deploy together on Tuesdays."),
            MatchFixtures.entry("web.md", "Web app logs", text: "Nginx access lines go to the log drain."),
            MatchFixtures.entry("web.md", "Restarts", text: "Restart the web app from the console."),
            MatchFixtures.entry("billing.md", "Billing reports", text: "Monthly billing reports are mailed."),
            MatchFixtures.entry("billing.md", "Billing exports", text: "Exports of billing data for finance."),
            MatchFixtures.entry("workers.md", "Worker pools", text: "Every worker pool has a queue."),
            MatchFixtures.entry("workers.md", "Worker sizes", text: "A worker has two CPUs."),
        ])
        let index = MatchIndex(library: library)
        func best(_ service: String) -> Match? {
            index.match(MatchFixtures.alert(
                title: "Where do the \(service) logs live? The console says its queue stalled last night.")).first
        }
        // `billing-worker` is also looked up whole (`billingworker`, in one entry's text only); the document
        // named `billing-worker-guide` has both its words, so the hyphen costs its entries no confidence.
        let hyphenated = best("billing-worker")
        let spaced = best("billing worker")
        #expect(hyphenated?.entry == "billing-worker-guide.md#logs")
        #expect(spaced?.entry == "billing-worker-guide.md#logs")
        #expect((hyphenated?.score ?? 0) >= (spaced?.score ?? 1))
    }

    /// A report in the words of a document: its heading words meet the section, the rest its introduction. The
    /// section answers, and the introduction just behind it is its context, not a rival: what the introduction
    /// explains counts for the section's confidence as far as the introduction itself answers the report. Without
    /// that, the words only the introduction has would count against the section, and it would be less sure of
    /// the same report than in a library whose introduction says nothing of it.
    @Test func sectionReadInItsIntroductionsContextIsConfident() {
        func library(introduction: String) -> Library {
            MatchFixtures.library([
                MatchFixtures.entry("ledger.md", "Ledger", text: introduction),
                MatchFixtures.entry(
                    "ledger.md", "Compactor self-stops",
                    text: "Check the store's write capacity and raise it when writes are throttled.",
                    path: ["Ledger"], parent: "ledger.md#ledger"),
                MatchFixtures.entry(
                    "ledger.md", "Backfills", text: "Replay a day of events into the ledger from the archive.",
                    path: ["Ledger"], parent: "ledger.md#ledger"),
                MatchFixtures.entry("billing.md", "Billing", text: "Invoices are sent at night by a worker task."),
                MatchFixtures.entry("billing.md", "Refunds", text: "Refund a payment from the admin console."),
                MatchFixtures.entry("search.md", "Reindexing", text: "Rebuild the search index from the database."),
                MatchFixtures.entry("search.md", "Shards", text: "Move a shard to a node with free disk."),
            ])
        }
        let alert = MatchFixtures.alert(
            title: "The compactor keeps stopping itself: its keepalive to the store times out and the process exits. "
                + "Invoices go out as usual.")
        let context = MatchIndex(library: library(introduction:
            "A merger process keeps the ledger and sends a keepalive to the archive every minute.")).match(alert)
        let bare = MatchIndex(library: library(introduction: "The ledger keeps the accounts of every customer."))
            .match(alert)
        #expect(context.first?.entry == "ledger.md#compactor-self-stops")
        #expect(context.dropFirst().first?.entry == "ledger.md#ledger")
        #expect(bare.first?.entry == "ledger.md#compactor-self-stops")
        #expect((context.first?.score ?? 0) >= MatchIndex.defaultThreshold)
        #expect((context.first?.score ?? 0) > (bare.first?.score ?? 1))
    }
}

/// A page that only points to where the troubleshooting is written gives way to the section it points to.
struct MatchPointerTests {
    private static let guideSection = MatchFixtures.entry(
        "cache/guide.md", "Slow replies",
        text: "When evictions pile up the cache replies slowly and clients hit timeouts; lower the eviction batch.",
        path: ["Cache guide"], parent: "cache/guide.md#cache-guide")

    private static func library(pointing: Bool) -> Library {
        let readme = MatchFixtures.entry(
            "cache-store/README.md", "Cache-store Service",
            text: "Dashboards and alerts of the cache-store service. Troubleshooting pointers: the cache guide.")
        var documents = MatchFixtures.library([
            readme,
            MatchFixtures.entry("cache/guide.md", "Cache guide", text: "How the caches run."),
            guideSection,
            MatchFixtures.entry("cache/guide.md", "Failover", text: "Promote a replica by hand.",
                                path: ["Cache guide"], parent: "cache/guide.md#cache-guide"),
            MatchFixtures.entry("queue/README.md", "Queue Service", text: "Dashboards of the queue service."),
            MatchFixtures.entry("web/README.md", "Web Service", text: "Dashboards of the web service."),
        ]).documents
        if pointing {
            documents[0].links = [
                Link(destination: "../cache/guide.md#slow-replies", text: "the cache guide", line: 1),
                Link(destination: "https://dashboards.example.net/cache-store", text: "Dashboards", line: 1),
            ]
        }
        return Library(documents: documents)
    }

    private static let alert = MatchFixtures.alert(
        title: "cache-store service: replies slow since the evictions started, clients hitting timeouts")

    @Test func linksAreResolvedAgainstTheDocumentsFolder() {
        let document = Document(file: "cache-store/README.md", links: [
            Link(destination: "../cache/guide.md#slow-replies", text: "guide", line: 1),
            Link(destination: "./runbook.MD", text: "runbook", line: 2),
            Link(destination: "../../outside.md", text: "outside", line: 3),
            Link(destination: "https://example.net/x.md", text: "web", line: 4),
            Link(destination: "README.md#top", text: "itself", line: 5),
            Link(destination: "../cache/guide.md", text: "again", line: 6),
            Link(destination: "diagram.png", text: "image", line: 7, isImage: true),
        ])
        #expect(MatchIndexBuilder.linkedDocuments(of: document) == ["cache/guide", "cache-store/runbook"])
    }

    @Test func pageNamedAfterTheServiceGivesWayToTheSectionItPointsTo() {
        let unlinked = MatchIndex(library: Self.library(pointing: false)).match(Self.alert)
        #expect(unlinked.first?.entry == "cache-store/README.md#cache-store-service")
        let linked = MatchIndex(library: Self.library(pointing: true)).match(Self.alert)
        #expect(linked.first?.entry == Self.guideSection.id)
        #expect(linked.prefix(3).contains { $0.entry == "cache-store/README.md#cache-store-service" })
    }
}
