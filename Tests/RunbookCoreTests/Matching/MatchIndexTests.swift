import Testing

@testable import RunbookCore

struct MatchIndexTests {
    let index = MatchIndex(library: MatchFixtures.operations)

    @Test func countsEveryEntry() {
        #expect(index.entryCount == 10)
    }

    @Test(arguments: [
        ("qwatch", "ops.md#diskusagewarning-qwatch"),
        ("forum", "ops.md#diskusagewarning-forum-apps--forum-filesystem--dev-sda1-"),
    ])
    func sendsOneAlertNameToTheEntryOfItsService(service: String, expected: String) {
        let alert = MatchFixtures.alert(
            name: "DiskUsageWarning",
            title: "[FIRING:1] DiskUsageWarning mitx-production (\(service) filesystem /dev/root ip-10-7-0-78)",
            labels: ["service": service, "severity": "warning"])
        let matches = index.match(alert)
        #expect(matches.first?.entry == expected)
        #expect((matches.first?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test(arguments: [
        (
            "InvalidAccessKeyProduction", "video-service",
            "ops.md#invalidaccesskeyproduction-apps--video-service-critical-"
        ),
        (
            "AlternateInvalidAccessKeyProduction", "shop-ecommerce",
            "ops.md#alternateinvalidaccesskeyproduction-production--shop-ecommerce-critical-"
        ),
    ])
    func wholeNameBeatsSharedParts(name: String, service: String, expected: String) {
        let alert = MatchFixtures.alert(name: name, title: "[FIRING:1] \(name) (\(service) critical)")
        #expect(index.match(alert).first?.entry == expected)
    }

    @Test func placeholderInHeadingMatchesAnyEnvironment() {
        let alert = MatchFixtures.alert(
            name: "MemoryUsageWarning", title: "MemoryUsageWarning operations-qa (memory ip-10-1-3-33 warning)")
        let best = index.match(alert).first
        #expect(best?.entry == "ops.md#memoryusagewarning-operations--environment-")
        #expect((best?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test func aliasHeadingMatchesAsTitle() {
        let alert = MatchFixtures.alert(title: "Forum production home page is DOWN")
        #expect(index.match(alert).first?.entry == "ops.md#diskusagewarning-forum-apps--forum-filesystem--dev-sda1-")
    }

    @Test func alertNoEntryCoversIsNotConfident() {
        let alert = MatchFixtures.alert(
            name: "CertificateExpiringSoon", title: "TLS certificate for api.example.com expires in 6 days",
            labels: ["service": "ingress"])
        #expect(index.match(alert).allSatisfy { $0.score < MatchIndex.defaultThreshold })
    }

    @Test(arguments: [
        "https://github.com/org/repo/blob/main/docs/monitoring/heartbeat.md#possible-checks",
        "../monitoring/heartbeat.md#possible-checks",
        "https://runbooks.example.com/monitoring/HEARTBEAT#possible-checks",
    ])
    func runbookURLWinsOutright(url: String) {
        let alert = MatchFixtures.alert(
            name: "DiskUsageWarning", title: "DiskUsageWarning qwatch", annotations: ["runbook_url": url])
        let best = index.match(alert).first
        #expect(best?.entry == "monitoring/heartbeat.md#possible-checks")
        #expect((best?.score ?? 0) > 0.9)
        #expect(best?.evidence.first?.alertField == "runbook_url")
    }

    @Test func runbookURLOutsideTheLibraryIsIgnored() {
        let alert = MatchFixtures.alert(
            name: "DiskUsageWarning", title: "DiskUsageWarning qwatch",
            annotations: ["runbook_url": "https://example.com/elsewhere.md"])
        #expect(index.match(alert).first?.entry == "ops.md#diskusagewarning-qwatch")
    }

    @Test func genericChildBorrowsItsParentsTitle() {
        let matches = index.search("heartbeat monitor missing silence")
        let ids = matches.prefix(2).map(\.entry)
        #expect(ids.contains("monitoring/heartbeat.md#possible-checks"))
    }

    @Test func evidenceSaysWhichFieldsMatched() {
        let alert = MatchFixtures.alert(
            name: "DiskUsageWarning", title: "DiskUsageWarning", labels: ["service": "qwatch"])
        let evidence = index.match(alert).first?.evidence ?? []
        #expect(evidence.contains {
            $0.term == "diskusagewarn" && $0.alertField == "alertname" && $0.entryField == "title"
        })
        #expect(evidence.contains { $0.term == "qwatch" && $0.entryField == "title" })
    }

    @Test func rankingIsDeterministicWithTiesBrokenByID() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("b.md", "Queue backlog"), MatchFixtures.entry("a.md", "Queue backlog"),
        ])
        let matches = MatchIndex(library: library).search("queue backlog")
        #expect(matches.map(\.entry) == ["a.md#queue-backlog", "b.md#queue-backlog"])
        #expect(matches[0].score >= matches[1].score)
    }

    @Test func scoresAreConfidencesRankedBestFirst() {
        let matches = index.search("disk usage warning forum", limit: 10)
        #expect(!matches.isEmpty)
        #expect(matches.allSatisfy { (0...1).contains($0.score) })
        #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func emptyLibraryAndEmptyQueryGiveNothing() {
        #expect(MatchIndex(library: Library(documents: [])).search("disk").isEmpty)
        #expect(index.search("   ").isEmpty)
        #expect(index.match(MatchFixtures.alert(title: "x"), limit: 0).isEmpty)
    }
    @Test func sectionWhoseTextQuotesTheAlertsNameRanksFirst() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("pg.md", "PostgreSQL troubleshooting", text: "How to look into a sick database."),
            MatchFixtures.entry(
                "pg.md", "Availability",
                text: "Alerts that check availability are XIDConsumptionTooLow and CommitRateTooLow. Low values mean the database is not answering.",
                path: ["PostgreSQL troubleshooting"], parent: "pg.md#postgresql-troubleshooting"),
            MatchFixtures.entry(
                "pg.md", "PostgreSQL logs", text: "Where the PostgreSQL logs are kept and how to read them.",
                path: ["PostgreSQL troubleshooting"], parent: "pg.md#postgresql-troubleshooting"),
            MatchFixtures.entry("packages.md", "PostgreSQL packages", text: "How the PostgreSQL packages are built."),
            MatchFixtures.entry("packages.md", "Release process", text: "Tag, build, then publish the packages."),
        ])
        let alert = MatchFixtures.alert(
            name: "PostgreSQL_CommitRateTooLow", title: "Postgres seems to be processing very few transactions",
            labels: ["type": "patroni"])
        #expect(MatchIndex(library: library).match(alert).first?.entry == "pg.md#availability")
    }
    @Test func sectionRepeatingItsDocumentsIdentifierDoesNotWinOverTheDocument() {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "gauge.md", "`queue_oldest_age` Saturation Alert",
                text: "The oldest job waiting in the queue is too old and climbing: the horizon grows while workers are not keeping up."),
            MatchFixtures.entry(
                "gauge.md", "Symptoms: how `queue_oldest_age` may show up in various issues",
                text: "Users wait and retries pile up.",
                path: ["`queue_oldest_age` Saturation Alert"], parent: "gauge.md#-queue-oldest-age--saturation-alert"),
            MatchFixtures.entry(
                "gauge.md", "Diagnostics: root cause of a `queue_oldest_age` spike",
                text: "Find the worker that stopped; check the scheduler.",
                path: ["`queue_oldest_age` Saturation Alert"], parent: "gauge.md#-queue-oldest-age--saturation-alert"),
            MatchFixtures.entry("other.md", "Queue workers", text: "How the workers take jobs from the queue."),
        ])
        let alert = MatchFixtures.alert(
            title: "queue_oldest_age has been climbing since 03:00 and jobs are too old, what now? The horizon keeps growing.")
        let matches = MatchIndex(library: library).match(alert)
        #expect(matches.first?.entry == "gauge.md#-queue-oldest-age--saturation-alert")
        #expect(matches.prefix(3).contains { $0.entry == "gauge.md#symptoms--how--queue-oldest-age--may-show-up-in-various-issues" })
    }
}
