import Testing

@testable import RunbookCore

struct LinterTests {
    /// A well-kept alert entry under a product heading: nothing to report.
    static func goodDocument(_ file: String = "ops.md", alert: String = "DiskUsageWarning backups")
        -> LintDocumentBuilder {
        var doc = LintDocumentBuilder(file)
        doc.heading(1, "Backups")
        doc.heading(2, alert)
        doc.label(.diagnosis)
        doc.text("Check which volume is filling up on the host named in the alert.")
        doc.code("console", ["df -h"])
        doc.label(.mitigation)
        doc.text("Prune old snapshots, see [retention](#backups) for the policy.")
        return doc
    }

    @Test func aWellKeptDocumentHasNoFindings() {
        #expect(Linter().lint(.of(Self.goodDocument())).isEmpty)
    }

    // MARK: missing-diagnosis / missing-mitigation

    @Test func alertEntryWithoutMitigationIsReported() throws {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, "KubePodCrashLooping")
        doc.label(.diagnosis)
        doc.text("Look at the pod's previous logs to find why it exits.")
        let findings = Linter().lint(.of(doc))
        #expect(findings.locations("missing-mitigation") == ["ops.md:1"])
        #expect(findings.locations("missing-diagnosis").isEmpty)
        let message = try #require(findings.first { $0.rule == "missing-mitigation" }?.message)
        #expect(message.contains("KubePodCrashLooping") && message.contains("_Mitigation_"))
    }

    @Test func alertEntryWithoutDiagnosisIsReportedWithItsPartStyle() throws {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(1, "NodeClockSkewDetected")
        doc.heading(2, "Meaning")
        doc.text("The node's clock drifts from the reference clock by more than a second.")
        doc.heading(2, "Mitigation")
        doc.text("Restart chronyd on the node and check its sources afterwards.")
        let finding = try #require(Linter().lint(.of(doc)).first { $0.rule == "missing-diagnosis" })
        #expect(finding.line == 1)
        #expect(finding.message.contains("'## Diagnosis'"))
    }

    @Test func equivalentPartsSatisfyDiagnosisAndMitigation() {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, "[Pingdom] Checkout page is down")
        doc.label(.symptoms)
        doc.text("Customers see a 502 from the load balancer when they pay.")
        doc.label(.resolution)
        doc.text("Roll the checkout service back to the previous release.")
        let rules = Set(Linter().lint(.of(doc)).map(\.rule))
        #expect(!rules.contains("missing-diagnosis") && !rules.contains("missing-mitigation"))
    }

    @Test func subSectionsNamedForAPartCountAsThatPart() {
        var doc = LintDocumentBuilder("TargetDown.md")
        doc.heading(1, "TargetDown")
        doc.heading(2, "Meaning")
        doc.text("Prometheus cannot scrape one or more of its targets.")
        doc.heading(2, "Diagnosis and mitigation")
        doc.text("Find the targets that are down on the targets page, then fix what keeps them down.")
        let rules = Set(Linter().lint(.of(doc)).map(\.rule))
        #expect(!rules.contains("missing-diagnosis") && !rules.contains("missing-mitigation"))
    }

    @Test func proceduresAndProductHeadingsNeedNoParts() {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(1, "Payments")
        doc.heading(2, "Rotating the database password")
        doc.text("Generate a new password in Vault, then restart the app so it picks it up.")
        let findings = Linter().lint(.of(doc))
        #expect(findings.filter { $0.rule.hasPrefix("missing-") }.isEmpty)
    }

    // MARK: stub-entry

    @Test(arguments: ["Grading Celery Task Failed (STUB entry. Needs love)", "QueueBacklogHigh TODO",
                      "Cache warmup - TBD", "Failover (needs love)"])
    func headingsMarkedAsUnfinishedAreStubs(title: String) throws {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, title)
        doc.label(.diagnosis)
        doc.text("Look at the worker logs for the task that failed and its arguments.")
        doc.label(.mitigation)
        doc.text("Run the task again by hand once the cause is fixed.")
        let findings = Linter().lint(.of(doc))
        #expect(findings.locations("stub-entry") == ["ops.md:1"])
    }

    @Test func aPartThatSaysOnlyNAIsAStub() throws {
        var doc = Self.goodDocument()
        doc.heading(2, "AlternateInvalidAccessKey billing")
        doc.label(.diagnosis)
        doc.text("N/A")
        doc.label(.mitigation)
        doc.text("Refresh the credentials the proxy uses for the billing app.")
        let finding = try #require(Linter().lint(.of(doc)).first { $0.rule == "stub-entry" })
        #expect(finding.line == 11)
        #expect(finding.message.contains("Diagnosis") && finding.message.contains("only 'N/A'"))
    }

    @Test func aPartThatExplainsItsNAIsNotAStub() {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, "Request to add videos")
        doc.label(.diagnosis)
        doc.text("N/A - developer request")
        doc.label(.mitigation)
        doc.text("Run the management command the developer asked for in the app container.")
        #expect(Linter().lint(.of(doc)).locations("stub-entry").isEmpty)
    }

    @Test func anEmptyEntryIsAStubButAContainerIsNot() {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(1, "Search")
        doc.heading(2, "Reindexing")
        doc.heading(2, "Elastic cluster red")
        doc.text("Look at unassigned shards with the allocation explain API, then fix the cause.")
        #expect(Linter().lint(.of(doc)).locations("stub-entry") == ["ops.md:2"])
    }

    @Test func linkDefinitionsOrALinkedHeadingAreNotAnEmptyBody() {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, "Further documentation")
        doc.text("[1]: https://example.com/architecture \"Architecture overview\"")
        doc.heading(2, "[How page rules work](https://example.com/issues/1)")
        doc.heading(2, "Don't panic")
        doc.text("Breathe.")
        #expect(Linter().lint(.of(doc)).locations("stub-entry") == ["ops.md:4"])
    }

    @Test func lowercaseStubIsATopicNotAMarker() {
        #expect(StubCheck.marker(in: "Stub domains in CoreDNS") == nil)
        #expect(StubCheck.marker(in: "Todo list service outage") == nil)
        #expect(StubCheck.marker(in: "Backups (WIP)") == "WIP")
    }

    // MARK: variable-heading

    @Test(arguments: [
        ("[Prometheus]: [FIRING:1] DiskUsageWarning apps (reddit /dev/nvme0n1p1 ip-10-13-1-59)", "an alert counter"),
        ("Connection refused from 10.7.0.237", "an IP address"),
        ("Access denied for user 'v-app-fmT0KbL5X'@'10.7.0.237'", "a quoted user name"),
        ("Job 3f2a9c81-52de-4b1e-9a77-0c1d2e3f4a5b failed", "a UUID"),
        ("Deploy of 6c957ed851d8 broke login", "a long hex id"),
        ("Outage 2024-03-05 14:10", "a timestamp"),
    ])
    func variableHeadingsAreReported(title: String, part: String) throws {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, title)
        doc.text("Some explanation of what happened and how it was fixed the last time.")
        let finding = try #require(Linter().lint(.of(doc)).first { $0.rule == "variable-heading" })
        #expect(finding.message.contains(part))
        #expect(finding.message.contains("'\(AlertKey.boil(title))'"))
    }

    @Test(arguments: ["MemoryUsageWarning operations-<ENVIRONMENT>", "DiskUsageWarning xqwatcher",
                      "HTTP 502 from the edge", "Upgrade to PostgreSQL 14.2", "Rotate the deadbeef key"])
    func stableHeadingsAreNotReported(title: String) {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, title)
        doc.text("Some explanation of what happened and how it was fixed the last time.")
        #expect(Linter().lint(.of(doc)).locations("variable-heading").isEmpty)
    }

    // MARK: code-language

    @Test func fencedCodeWithoutLanguageIsReported() throws {
        var doc = LintDocumentBuilder("ops.md")
        doc.heading(2, "Restarting the queue")
        doc.text("Run this on the queue host, then watch the backlog drain.")
        doc.code(nil, ["root@queue-1:~# systemctl restart rabbitmq-server"])
        doc.code("bash", ["rabbitmqctl list_queues"])
        let findings = Linter().lint(.of(doc))
        #expect(findings.locations("code-language") == ["ops.md:3"])
        #expect(findings.first { $0.rule == "code-language" }?.severity == .info)
        #expect(findings.first { $0.rule == "code-language" }?.message.contains("```console") == true)
    }

    // MARK: duplicate-key

    @Test func theSameAlertKeyInTwoPlacesIsReportedWithBothLocations() throws {
        let first = Self.goodDocument("a.md", alert: "DiskUsageWarning backups")
        let second = Self.goodDocument("b/c.md", alert: "DiskUsageWarning backups")
        let findings = Linter().lint(.of(first, second))
        #expect(findings.locations("duplicate-key") == ["b/c.md:2"])
        let message = try #require(findings.first { $0.rule == "duplicate-key" }?.message)
        #expect(message.contains("a.md:2") && message.contains("b/c.md:2"))
    }

    @Test func differentServicesAreDifferentKeys() {
        let first = Self.goodDocument("a.md", alert: "DiskUsageWarning backups")
        let second = Self.goodDocument("b.md", alert: "DiskUsageWarning search")
        #expect(Linter().lint(.of(first, second)).locations("duplicate-key").isEmpty)
    }

    // MARK: secret

    @Test func secretsAreErrorsWithMaskedValues() throws {
        var doc = Self.goodDocument()
        doc.code("bash", ["psql postgres://billing:Wint3rIsC0ming@db-1.internal/billing"])
        let finding = try #require(Linter().lint(.of(doc)).first { $0.rule == "secret" })
        #expect(finding.severity == .error)
        #expect(finding.line == 11)
        #expect(finding.message.contains("Wint…") && !finding.message.contains("Wint3rIsC0ming"))
    }

    // MARK: configuration

    @Test func disabledRulesReportNothingAndOverridesRegrade() {
        var doc = Self.goodDocument()
        doc.code(nil, ["uptime"])
        doc.heading(2, "QueueBacklogHigh")
        doc.text("Nothing written yet beyond this line of text about the queue.")
        let configuration = LintConfiguration(disabledRules: ["code-language"],
                                              severityOverrides: ["missing-diagnosis": .error])
        let findings = Linter(configuration: configuration).lint(.of(doc))
        #expect(!findings.contains { $0.rule == "code-language" })
        #expect(findings.first { $0.rule == "missing-diagnosis" }?.severity == .error)
        #expect(findings.first { $0.rule == "missing-mitigation" }?.severity == .warning)
    }

    @Test func findingsAreSortedByFileLineAndRule() {
        var b = LintDocumentBuilder("b.md")
        b.heading(2, "KubeJobFailed")
        var a = LintDocumentBuilder("a.md")
        a.heading(2, "KubeJobFailed (TODO)")
        let findings = Linter().lint(.of(b, a))
        #expect(findings.map { "\($0.file):\($0.line):\($0.rule)" } == findings.sorted(by: Linter.reportOrder).map {
            "\($0.file):\($0.line):\($0.rule)"
        })
        #expect(findings.first?.file == "a.md")
    }

    @Test func everyRuleHasAUniqueIdAndASummary() {
        #expect(Set(LintRule.all.map(\.id)).count == LintRule.all.count)
        #expect(LintRule.all.allSatisfy { !$0.summary.isEmpty })
        #expect(LintRule.named("secret")?.severity == .error)
        #expect(LintRule.named("broken-anchor")?.severity == .error)
        #expect(LintRule.named("broken-file-link")?.severity == .error)
        #expect(LintRule.named("nope") == nil)
    }
}
