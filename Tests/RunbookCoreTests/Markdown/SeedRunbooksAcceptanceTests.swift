import Foundation
import Testing

@testable import RunbookCore

/// The five real runbooks in `../shared/runbooks`: their complete entry ids, aliases, parts and commands.
struct SeedRunbooksAcceptanceTests {
    private static func document(_ name: String) throws -> Document {
        let url = SharedFixtures.runbooks.appendingPathComponent(name)
        return DocumentParser.parse(try String(contentsOf: url, encoding: .utf8), file: name)
    }

    private static func anchors(_ name: String) throws -> [String] {
        try document(name).entries.map(\.anchor)
    }

    @Test(.enabled(if: SharedFixtures.available))
    func devopsOncallEntries() throws {
        #expect(try Self.anchors("devops-oncall.md") == [
            "introduction", "style-guide", "products", "saltstack", "memoryusagewarning-operations-environment",
            "xqueuewatcher", "diskusagewarning-xqwatcher", "ovs",
            "prometheus-firing1-invalidaccesskeyproduction-apps-production-odl-video-service-critical",
            "request-by-deeveloper-to-add-videos", "bootcamp-ecommerce",
            "prometheus-firing1-alternateinvalidaccesskeyproduction-production-bootcamp-ecommerce-critical",
            "openedx-residential-mitx",
            "task-handler-raised-error-operationalerror1045-access-denied-for-user-v-edxa-fmt0kbl5x1070237-using-"
                + "password-yes",
            "xpro", "apiexception-hubspot_xprotaskssync_contact_with_hubspot", "mitxonline",
            "cybersource-credentials-potentially-out-of-date", "grading-celery-task-failed-stub-entry-needs-love",
            "reddit",
            "prometheus-firing1-diskusagewarning-production-apps-reddit-filesystem-devnvme0n1p1-ext4-ip-10-13-1-59-"
                + "integrationslinux_",
        ])
    }

    @Test(.enabled(if: SharedFixtures.available))
    func devopsOncallRedditEntryHasTwoHeadings() throws {
        let document = try Self.document("devops-oncall.md")
        let reddit = try #require(document.entries.last)
        #expect(reddit.aliases == ["[Pingdom] Open Discussions production home page has an alert"])
        #expect(reddit.parentID == "devops-oncall.md#reddit")
        #expect(reddit.path == ["Products", "Reddit"])
        #expect(reddit.parts.map(\.kind) == [.diagnosis, .mitigation])
        #expect(reddit.commands.map(\.lines) == [
            ["salt reddit-production* state.sls reddit.config,pgbouncer"],
            ["salt reddit-production* state.sls reddit.config"],
        ])
    }

    @Test(.enabled(if: SharedFixtures.available))
    func devopsOncallPastedSessionKeepsEveryCommandAndDropsOutputAndAnnotations() throws {
        let document = try Self.document("devops-oncall.md")
        let entry = try #require(document.entries.first { $0.anchor == "diskusagewarning-xqwatcher" })
        let session = try #require(entry.part(.mitigation)?.commands.first)
        #expect(session.language == "console")
        #expect(session.lines.first?.hasPrefix("sudo ssh -i ") == true)
        #expect(session.lines.contains("df -h"))
        #expect(session.lines.contains("cd /edx/var"))
        #expect(session.lines.filter { $0 == "systemctl restart supervisor.service" }.count == 2)
        #expect(!session.lines.contains { $0.hasPrefix("Filesystem") || $0.hasPrefix("/dev/") })
        #expect(!session.lines.contains { $0.contains("<<<<") || $0.hasPrefix("From ") || $0.contains("●") })
        #expect(!session.lines.contains { $0.hasPrefix("Loaded:") || $0.hasPrefix("Job for") })
        #expect(entry.leadingCommand?.lines.first == session.lines.first)
        #expect(CommandReader.classify(block: session.text, language: session.language) == .session)
        #expect(entry.part(.diagnosis)?.text.contains("xqueue watcher") == true)
    }

    @Test(.enabled(if: SharedFixtures.available))
    func everyAlertEntryOfDevopsOncallHasDiagnosisAndMitigation() throws {
        let entries = try Self.document("devops-oncall.md").entries.filter { $0.level == 3 }
        #expect(entries.count == 10)
        for entry in entries {
            #expect(entry.part(.diagnosis) != nil, "\(entry.id)")
            #expect(entry.part(.mitigation) != nil, "\(entry.id)")
        }
    }

    @Test(.enabled(if: SharedFixtures.available))
    func dataInfraEntriesIncludeSubEntries() throws {
        let document = try Self.document("data-infra-runbook.md")
        #expect(document.entries.map(\.anchor) == [
            "runbook", "hot-deploying-rollbacks", "controlling-aurora-jobs-via-the-cli",
            "basic-steps-to-handling-airflow-dag-errors", "recover-from-non-critical-datasetmodel-build-failures",
            "determining-if-a-dataset-or-model-is-business-critical-or-can-be-fixed-without-time-pressure",
            "determining-if-it-was-the-dataset-or-model-that-failed", "dealing-with-dataset-failures",
            "dealing-with-model-failures", "making-downstream-jobs-run-when-an-upstream-job-fails",
            "removing-bad-data-from-metapod", "dealing-with-datomic-self-destructs",
        ])
        let child = try #require(document.entries.first { $0.anchor == "dealing-with-model-failures" })
        #expect(child.parentID == "data-infra-runbook.md#recover-from-non-critical-datasetmodel-build-failures")
        #expect(document.links.contains { $0.destination == "#recover-from-non-critical-model-build-failures" })
    }

    @Test(.enabled(if: SharedFixtures.available))
    func ctmsDeploymentGuideEntries() throws {
        #expect(try Self.anchors("ctms-deployment-guide.md") == [
            "deployment-guide", "overview", "deployment", "synchronized-acoustic-fields",
            "acoustic-newsletters-fields", "logging", "example", "logging-fields", "api-logging-fields",
            "acoustic-sync-process-logging-fields", "metrics", "api-metrics", "acoustic-sync-service-metrics",
            "dashboards", "docker", "sre-related-doc",
        ])
    }

    @Test(.enabled(if: SharedFixtures.available))
    func facebookConnectorOperationsEntries() throws {
        let document = try Self.document("facebook-connector-operations.md")
        #expect(document.entries.map(\.anchor) == [
            "operations", "deployment", "monitoring-and-alerts", "logs", "related-processes",
            "facebook-app-management", "facebook-app-review", "troubleshootingfailure-handling",
            "facebook-token-expiration", "taking-a-thread-dump", "retrying-a-delivery", "known-issues",
        ])
        let dump = try #require(document.entries.first { $0.anchor == "taking-a-thread-dump" })
        #expect(dump.commands.first?.placeholders.map(\.raw) == ["${task_type}"])
    }

    @Test(.enabled(if: SharedFixtures.available))
    func facebookConnectorReadmeEntries() throws {
        #expect(try Self.anchors("facebook-connector-readme.md") == [
            "facebook-connector", "data-flow-diagram", "customer-flow", "facebook-resources", "app-management",
            "app-review", "components", "api", "worker", "operations", "alerts--monitoring", "logs", "deployment",
            "troubleshooting", "facebook-token-expiration", "retrying-a-delivery",
        ])
    }
}
