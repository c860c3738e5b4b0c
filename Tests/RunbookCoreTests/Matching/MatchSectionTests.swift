import Foundation
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

/// An entry that scores nearly as well as the best one and explains clearly more of the alert answers first.
struct MatchExplainingTests {
    /// Two sections of one document: one shares a word of the alert with its heading, the other holds most of the
    /// alert in its text. They score within a tenth of each other; the one that explains the alert answers.
    @Test func siblingThatExplainsTheAlertAnswersBeforeOneThatSharesAHeadingWord() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("cache.md", "Cache", text: "How the cache keeps hot keys close to the web nodes."),
            MatchFixtures.entry(
                "cache.md", "Key evictions", text: "Keys are evicted first by age when memory runs low on a node.",
                path: ["Cache"], parent: "cache.md#cache"),
            MatchFixtures.entry(
                "cache.md", "Slow replies",
                text: "Clients time out waiting for replies when the eviction batch is large; lower the batch size "
                    + "and watch the latency graph.",
                path: ["Cache"], parent: "cache.md#cache"),
            MatchFixtures.entry(
                "cache.md", "Failover", text: "Promote a replica by hand when the primary stops answering.",
                path: ["Cache"], parent: "cache.md#cache"),
            MatchFixtures.entry("queue.md", "Queue"),
            MatchFixtures.entry(
                "queue.md", "Consumers",
                text: "A consumer is chosen at random for each message; a consumer taken out of rotation keeps its "
                    + "backlog, as the queue graph shows.",
                path: ["Queue"], parent: "queue.md#queue"),
            MatchFixtures.entry("db.md", "Database"),
            MatchFixtures.entry(
                "db.md", "Vacuum", text: "Run vacuum on tables with many dead rows and check the graph after.",
                path: ["Database"], parent: "db.md#database"),
            MatchFixtures.entry(
                "db.md", "Connections", text: "Clients wait for a free connection when the pool is exhausted.",
                path: ["Database"], parent: "db.md#database"),
        ])
        let matches = MatchIndex(library: library)
            .match(MatchFixtures.alert(title: "Evictions: clients time out waiting, graph"))
        #expect(matches.first?.entry == "cache.md#slow-replies")
        #expect(matches.dropFirst().first?.entry == "cache.md#key-evictions")
        #expect((matches.first?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    /// A question names the document's matter (its heading: the orders database's backups) and asks what one
    /// section's text says, in words the section's heading does not hold. The introduction scores best on its
    /// heading and what it borrows from its sections; the section explains more of the question in its own text: it
    /// answers, and the introduction follows it.
    @Test func sectionThatExplainsTheQuestionAnswersBeforeItsIntroduction() {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "orders-backups.md", "Orders database backups",
                text: "How the nightly backups of the orders database run, where they are kept, and who to ask."),
            MatchFixtures.entry(
                "orders-backups.md", "Restore",
                text: "Download the latest snapshot from the bucket, stop the writer, load the snapshot, then replay "
                    + "the write-ahead log up to the minute before the failure.",
                path: ["Orders database backups"], parent: "orders-backups.md#orders-database-backups"),
            MatchFixtures.entry(
                "orders-backups.md", "Retention", text: "Snapshots are kept for thirty days in the cold bucket.",
                path: ["Orders database backups"], parent: "orders-backups.md#orders-database-backups"),
            MatchFixtures.entry(
                "orders-backups.md", "Schedule", text: "The backup job starts at two in the morning.",
                path: ["Orders database backups"], parent: "orders-backups.md#orders-database-backups"),
            MatchFixtures.entry("web.md", "Web", text: "The web nodes serve the shop."),
            MatchFixtures.entry(
                "web.md", "Deploys", text: "Roll the web nodes one at a time.", path: ["Web"], parent: "web.md#web"),
            MatchFixtures.entry("queue.md", "Queue", text: "Orders wait in the queue until a worker takes them."),
            MatchFixtures.entry(
                "queue.md", "Stuck orders", text: "Requeue a message that no worker acknowledged.",
                path: ["Queue"], parent: "queue.md#queue"),
        ])
        let question = "orders database backups: how do I load the snapshot and replay the write-ahead log after "
            + "yesterday's failure?"
        let matches = MatchIndex(library: library).match(MatchFixtures.alert(title: question, text: question))
        #expect(matches.first?.entry == "orders-backups.md#restore")
        #expect(matches.prefix(3).contains { $0.entry == "orders-backups.md#orders-database-backups" })
    }

    /// A report shares three words with one runbook's heading (latency, high, OSD) and most of its other words with
    /// another runbook's heading and text. They score within a fifth of each other; the one that explains half as
    /// much again of the report (not twice as much: `rival` does not apply) answers.
    @Test func entryThatNearlyTiesAndExplainsMuchMoreAnswers() {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "OSDLatencyHighOnStorageNodes.md", "OSDLatencyHighOnStorageNodes",
                text: "Latency of the OSD daemons is high on the storage nodes. Check the network between nodes."),
            MatchFixtures.entry(
                "DiskBusyHigh.md", "DiskBusyHigh",
                text: "A disk backing an OSD is busy most of the time: iostat shows it pegged. Find the device and "
                    + "move data off it."),
            MatchFixtures.entry("PoolQuotaFull.md", "PoolQuotaFull", text: "A pool has reached its quota."),
            MatchFixtures.entry("MonitorDown.md", "MonitorDown", text: "A monitor is down; check its pod."),
            MatchFixtures.entry("ClockSkew.md", "ClockSkew", text: "Clocks of the monitors drift apart."),
            MatchFixtures.entry("MgrMissing.md", "MgrMissing", text: "No manager is running."),
        ])
        let report = "nvme1n1 behind osd.3 has been pegged at 99% busy in iostat for an hour, and clients see "
            + "high write latency"
        let matches = MatchIndex(library: library).match(MatchFixtures.alert(title: report, text: report))
        #expect(matches.first?.entry == "DiskBusyHigh.md#diskbusyhigh")
        #expect(matches.dropFirst().first?.entry == "OSDLatencyHighOnStorageNodes.md#osdlatencyhighonstoragenodes")
    }

    /// The same near tie, but the question states the best entry's heading whole ("where do the worker logs live?"):
    /// that heading names what is asked, and the section that holds more of the question's other words (the delivery
    /// it is about) follows it.
    @Test func headingTheQuestionStatesWholeKeepsTheAnswerFromANearTie() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("shipper-operations.md", "Operations", text: "How the shipper runs in production."),
            MatchFixtures.entry(
                "shipper-operations.md", "Worker logs",
                text: "The worker writes JSON lines to the log drain; search them by request id.",
                path: ["Operations"], parent: "shipper-operations.md#operations"),
            MatchFixtures.entry(
                "shipper-operations.md", "Deployment", text: "Roll the service out one task at a time.",
                path: ["Operations"], parent: "shipper-operations.md#operations"),
            MatchFixtures.entry("shipper-readme.md", "Shipper", text: "The shipper sends parcels."),
            MatchFixtures.entry(
                "shipper-readme.md", "Delivery flow",
                text: "A subscription gets a delivery each night; the worker sends the delivery and records what "
                    + "happened on the subscription.",
                path: ["Shipper"], parent: "shipper-readme.md#shipper"),
            MatchFixtures.entry(
                "shipper-readme.md", "Setup", text: "Install the package and set the token.",
                path: ["Shipper"], parent: "shipper-readme.md#shipper"),
            MatchFixtures.entry("billing.md", "Billing", text: "Invoices go out at night."),
            MatchFixtures.entry(
                "billing.md", "Refunds", text: "Refund a payment from the admin console.",
                path: ["Billing"], parent: "billing.md#billing"),
        ])
        let question = "Where do the shipper worker logs live? I need to find what happened to delivery 4410 of "
            + "subscription 7731 last night."
        let matches = MatchIndex(library: library).match(MatchFixtures.alert(title: question, text: question))
        #expect(matches.first?.entry == "shipper-operations.md#worker-logs")
        #expect(matches.dropFirst().first?.entry == "shipper-readme.md#delivery-flow")
    }

    /// A question without a name shares one rare word with a one-word heading and four of its words with a
    /// section's text. The heading hit outscores the text, but the section explains four times as much of the
    /// question: it answers, and the heading follows.
    @Test func messageIsAnsweredByTheEntryThatExplainsItNotByOneHeadingWord() {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "nginx.md", "Nginx", text: "Restart the web server from the console and watch its error log."),
            MatchFixtures.entry("balancer.md", "Balancer", text: "How requests reach the backends."),
            MatchFixtures.entry(
                "balancer.md", "Health checks",
                text: "The balancer sends each probe to a randomly chosen backend; a backend that fails two probes in "
                    + "a row is taken out of rotation until it answers again. The check itself is a plain request to "
                    + "the status page of each backend, sent every few seconds from every balancer node, and its "
                    + "result is kept in memory only.",
                path: ["Balancer"], parent: "balancer.md#balancer"),
            MatchFixtures.entry(
                "balancer.md", "Weights", text: "Set the weight of a backend to drain it before maintenance.",
                path: ["Balancer"], parent: "balancer.md#balancer"),
            MatchFixtures.entry("queue.md", "Queue"),
            MatchFixtures.entry(
                "queue.md", "Consumers",
                text: "A consumer is chosen at random for each message; a consumer taken out of rotation keeps its "
                    + "backlog.",
                path: ["Queue"], parent: "queue.md#queue"),
            MatchFixtures.entry(
                "queue.md", "Retries", text: "Messages are retried on a randomly chosen worker after a backend error.",
                path: ["Queue"], parent: "queue.md#queue"),
            MatchFixtures.entry("db.md", "Database"),
            MatchFixtures.entry(
                "db.md", "Failover", text: "Promote a replica when the primary stops answering.",
                path: ["Database"], parent: "db.md#database"),
            MatchFixtures.entry(
                "db.md", "Vacuum", text: "Run vacuum on tables with many dead rows.",
                path: ["Database"], parent: "db.md#database"),
        ])
        let question = "seeing a randomly chosen backend behind nginx taken out of rotation, its status request "
            + "failing since this morning, where do I start?"
        let matches = MatchIndex(library: library).match(MatchFixtures.alert(title: question, text: question))
        #expect(matches.first?.entry == "balancer.md#health-checks")
        #expect(matches.prefix(3).contains { $0.entry == "nginx.md#nginx" })
        #expect((matches.first?.score ?? 0) >= MatchIndex.defaultThreshold)
    }
}

/// What a page only borrows from its sections (their titles and first lines) counts half when the rules compare how
/// much of the alert entries explain: the page holds the words of every section it lists, and kept the answer from
/// the section it points to, which explains the alert in its own text.
struct MatchBorrowedTextTests {
    @Test func pointedSectionAnswersBeforeAPageThatBorrowsItsWords() {
        let section = MatchFixtures.entry(
            "cache/guide.md", "Slow replies",
            text: "When evictions pile up the cache replies slowly and clients hit timeouts; lower the eviction batch.",
            path: ["Cache guide"], parent: "cache/guide.md#cache-guide")
        var documents = MatchFixtures.library([
            MatchFixtures.entry(
                "cache-store/README.md", "Cache-store Service",
                text: "Dashboards and alerts of the cache-store service. Troubleshooting pointers: the cache guide."),
            MatchFixtures.entry(
                "cache-store/README.md", "Graphs", text: "Evictions, client timeouts and slow commands per node.",
                path: ["Cache-store Service"], parent: "cache-store/README.md#cache-store-service"),
            MatchFixtures.entry("cache/guide.md", "Cache guide", text: "How the caches run."),
            section,
            MatchFixtures.entry("cache/guide.md", "Failover", text: "Promote a replica by hand.",
                                path: ["Cache guide"], parent: "cache/guide.md#cache-guide"),
            MatchFixtures.entry("queue/README.md", "Queue Service", text: "Dashboards of the queue service."),
            MatchFixtures.entry("web/README.md", "Web Service", text: "Dashboards of the web service."),
        ]).documents
        documents[0].links = [Link(destination: "../cache/guide.md#slow-replies", text: "the cache guide", line: 1)]
        let alert = MatchFixtures.alert(
            title: "cache-store service: replies slow since the evictions started, clients hitting timeouts")
        let matches = MatchIndex(library: Library(documents: documents)).match(alert)
        #expect(matches.first?.entry == section.id)
        #expect(matches.prefix(3).contains { $0.entry == "cache-store/README.md#cache-store-service" })
    }
}

/// A section whose heading the alert states whole (`Consul agents` for `ConsulAgentDown`) answers, though its page
/// links to a document that explains more of the alert's other words: the link helps a page that names only its
/// service, not a section that names the alert's matter.
struct StatedSectionBeforePointedTests {
    @Test func aSectionTheAlertStatesWholeKeepsTheAnswer() {
        let agents = MatchFixtures.entry(
            "gossip/README.md", "Gossip agents", text: "Every node runs an agent that joins the cluster.",
            path: ["Gossip Service"], parent: "gossip/README.md#gossip-service")
        var documents = MatchFixtures.library([
            MatchFixtures.entry(
                "gossip/README.md", "Gossip Service", text: "The gossip servers and agents. See the database notes."),
            agents,
            MatchFixtures.entry(
                "gossip/README.md", "Gossip servers", text: "Three servers hold the catalog.",
                path: ["Gossip Service"], parent: "gossip/README.md#gossip-service"),
            MatchFixtures.entry(
                "db/notes.md", "How the database leader uses gossip",
                text: "When a node's health check keeps failing for minutes, the leader loses its lock and the "
                    + "replicas stop taking traffic."),
            MatchFixtures.entry("queue/README.md", "Queue Service", text: "Dashboards of the queue service."),
            MatchFixtures.entry("web/README.md", "Web Service", text: "Dashboards of the web service."),
        ]).documents
        documents[0].links = [Link(destination: "../db/notes.md", text: "the database notes", line: 1)]
        let alert = MatchFixtures.alert(
            name: "GossipAgentDown", title: "gossip agent not running on a database node",
            annotations: ["description": "The agent health check has been failing for minutes; replicas lost traffic."])
        let matches = MatchIndex(library: Library(documents: documents)).match(alert)
        #expect(matches.first?.entry == agents.id)
    }
}

/// Canned messages to post about a problem share its words but say nothing of what to do about it.
struct QuotedSectionTests {
    private static func entry(_ file: String, _ title: String, markdown: String) -> Entry {
        let anchor = String(title.lowercased().map { $0.isLetter ? $0 : "-" })
        let text = markdown.split(separator: "\n").map { $0.hasPrefix("> ") ? $0.dropFirst(2) : $0 }
            .joined(separator: " ")
        return Entry(id: "\(file)#\(anchor)", file: file, anchor: anchor, title: title, level: 2, line: 1,
                     text: text, markdown: markdown)
    }

    private static func library(quoted: Bool) -> Library {
        let canned = "We are seeing high load in the database, which slows the site down.\n\n"
            + "We are still investigating the database slowness."
        return MatchFixtures.library([
            entry("status-page.md", "Database high load",
                  markdown: quoted ? canned.split(separator: "\n").map { $0.isEmpty ? "" : "> \($0)" }
                      .joined(separator: "\n") : canned),
            entry("status-page.md", "Deploys", markdown: "> We are deploying a new version."),
            entry("postgres.md", "Load",
                  markdown: "High load on a database host: look for many active backends running slow queries."),
            entry("postgres.md", "Locks", markdown: "Find the blocking query with pg_locks."),
            entry("redis.md", "Memory", markdown: "Redis evicts keys when it is out of memory."),
        ])
    }

    @Test func aSectionOfQuotedMessagesRanksBelowOneThatSaysWhatToDo() throws {
        let alert = MatchFixtures.alert(title: "High load in database db-4")
        let quoted = MatchIndex(library: Self.library(quoted: true)).match(alert)
        #expect(quoted.first?.entry == "postgres.md#load")
        let canned = try #require(quoted.first { $0.entry == "status-page.md#database-high-load" })
        #expect(canned.score <= ServiceScope.ceiling)
        #expect(canned.evidence.first?.term == MatchIndex.quotedEvidence)
        // The same words as plain paragraphs are instructions of a kind: the heading that names the alert wins.
        let plain = MatchIndex(library: Self.library(quoted: false)).match(alert)
        #expect(plain.first?.entry == "status-page.md#database-high-load")
    }

    @Test func onlyABodyWhollyInBlockQuotesIsQuoted() {
        #expect(IndexedEntry.isQuotedOnly("> one\n\n  > two\n"))
        #expect(!IndexedEntry.isQuotedOnly("> one\nRun `uptime` first.\n"))
        #expect(!IndexedEntry.isQuotedOnly(""))
        #expect(!IndexedEntry.isQuotedOnly("\n\n"))
        #expect(IndexedEntry.isQuotedOnly("\t> a quote\r\n> with > inside it\r\n"))
        #expect(!IndexedEntry.isQuotedOnly("> a quote\n\n   then text > not a quote\n"))
    }
}

/// A document's introduction holds the document's name as a title, where its sections hold it in their path: a check
/// that names the product and what failed (`forum.example.com login`) is answered by the section whose heading says
/// what failed, not by the introduction, which says nothing more.
struct NarrowerSectionTests {
    private static let root = "Management for forum.example.com"
    private static func section(_ title: String, _ text: String, under parent: [String] = []) -> Entry {
        let path = [root] + parent
        let parentID = parent.isEmpty
            ? "discourse-forum.md#management-for-forum-example-com"
            : "discourse-forum.md#" + parent[parent.count - 1].lowercased()
        return MatchFixtures.entry("discourse-forum.md", title, text: text, path: path, parent: parentID)
    }

    private static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "discourse-forum.md", root, text: "The forum runs Discourse in one container on a single VM of its own."),
        section("Deployment", "Deploy a new release with the launcher script, then rebuild the app."),
        section("Plugins", "The plugins we run are listed in the app configuration."),
        section("Backup", "Nightly backups go to a bucket; restore them with the launcher."),
        section("Troubleshooting", ""),
        section("Running low on disk space", "Remove stopped containers and old images.", under: ["Troubleshooting"]),
        section("Login is failing", "Check the SSO settings and the identity provider's client secret.",
                under: ["Troubleshooting"]),
        // `login` is an everyday word of the library, `forum` the name of one product.
        MatchFixtures.entry("queue.md", "Queue backlog", text: "Workers fall behind the queue; login jobs wait too."),
        MatchFixtures.entry("cert.md", "Certificate expiry", text: "Renew the certificate before login fails."),
        MatchFixtures.entry("web.md", "Web app errors", text: "Read the web logs for the failing login requests."),
        MatchFixtures.entry("sso.md", "Identity provider", text: "Every login goes through the identity provider."),
        MatchFixtures.entry("admin.md", "Admin console", text: "Operators login to the admin console with a key."),
    ])

    @Test func theSectionThatSaysWhatFailedAnswersBeforeTheIntroduction() throws {
        let matches = MatchIndex(library: NarrowerSectionTests.library)
            .match(MatchFixtures.alert(title: "forum.example.com login"))
        #expect(matches.first?.entry == "discourse-forum.md#login-is-failing")
        #expect(matches.prefix(3).contains { $0.entry == "discourse-forum.md#management-for-forum-example-com" })
    }

    /// The product's name alone: no section says more than the introduction, which answers.
    @Test func theIntroductionAnswersTheProductsNameAlone() {
        let matches = MatchIndex(library: NarrowerSectionTests.library)
            .match(MatchFixtures.alert(title: "forum.example.com is unreachable"))
        #expect(matches.first?.entry == "discourse-forum.md#management-for-forum-example-com")
    }
}

/// A section whose heading says none of the alert's words answers only by what its body repeats of the document's
/// name; the document's top entry, whose heading names the service, answers before it.
struct NamingAncestorTests {
    private static let root = "version.acmecorp.com Runbook"
    private static let rootID = "version-acmecorp-com.md#version-acmecorp-com-runbook"
    private static func section(_ title: String, _ text: String) -> Entry {
        MatchFixtures.entry("version-acmecorp-com.md", title, text: text, path: [root], parent: rootID)
    }

    private static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "version-acmecorp-com.md", root,
            text: "This service tells self-managed instances whether an update is out. It runs on a small "
                + "Kubernetes cluster behind an ingress; when it fails, instances see no update notices."),
        section("Overview", "A Rails app with its own database; instances ping it once a day."),
        section("Setup for on call", "Ask for access to the project and the cluster first."),
        section("Deployment", "Merges to the main branch deploy through the pipeline."),
        section("Checking the ingress", "List the ingress pods and read their logs for errors."),
        section(
            "Rebuilding the ingress",
            "Upgrade the chart, then check that version.acmecorp.com answers: version.acmecorp.com/ready and "
                + "version.acmecorp.com/live, and that version.acmecorp.com serves the sign-in page."),
    ] + ["billing", "search", "mail", "chat", "wiki", "forum", "registry", "pages", "runners", "vault", "cdn", "dns"]
        // Other services' runbooks, so that the host's words are rare in the library, as they are in a real one.
        .map { service in
            MatchFixtures.entry(
                "\(service).md", "The \(service) service",
                text: "Restart the \(service) pods when they fail; the gateway answers 502 until they are back.")
        })

    /// GitLab's version.gitlab.com runbook: its sections quote the host in their commands ("Rebuilding or upgrading
    /// the ingress" most), and a Pingdom check of the host being down is answered by the runbook's top entry.
    @Test(.enabled(if: SharedFixtures.available))
    func theDocumentsTopEntryAnswersTheServiceBeingDown() throws {
        let body = """
            {"check_id": 7, "check_name": "version.gitlab.com", "check_type": "HTTP", "current_state": "DOWN",
             "previous_state": "UP", "long_description": "HTTP Server Error 502 Bad Gateway",
             "description": "502 Bad Gateway", "tags": ["version", "gitlab-services"]}
            """
        let alert = try #require(try AlertDecoder.decode(Data(body.utf8), format: .pingdom, receivedAt: Date()).first)
        let library = try MatchAcceptanceTests.library([SharedFixtures.corpora.appendingPathComponent("gitlab")])
        let matches = MatchIndex(library: library).match(alert)
        #expect(matches.first?.entry == "version/version-gitlab-com.md#versiongitlabcom-runbook")
    }

    /// A section whose heading states what the alert says keeps the answer.
    @Test func aSectionWhoseHeadingSaysTheAlertsWordsKeepsIt() throws {
        let matches = MatchIndex(library: NamingAncestorTests.library).match(MatchFixtures.alert(
            title: "version.acmecorp.com ingress errors", text: "the ingress pods log errors"))
        #expect(matches.first?.entry == "version-acmecorp-com.md#checking-the-ingress")
    }
}
