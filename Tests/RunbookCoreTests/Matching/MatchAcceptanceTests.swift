import Foundation
import Testing

@testable import RunbookCore

/// The matcher over the real runbooks and the development cases in `../shared`.
@Suite(.enabled(if: SharedFixtures.available))
struct MatchAcceptanceTests {
    static func library(_ folders: [URL]) throws -> Library {
        try Library(folders: folders.map { folder in
            let files = try SharedFixtures.markdownFiles(in: folder).map {
                SourceFile(path: $0.path, contents: $0.contents)
            }
            return LibraryFolder(name: folder.lastPathComponent, files: files)
        })
    }

    static let runbooks = Result { try library([SharedFixtures.runbooks]) }

    /// The id of the entry filed under the product heading `product` of the on-call document.
    func entryUnder(_ product: String, in library: Library) -> String? {
        library.entries.first { $0.file == "devops-oncall.md" && $0.path.last == product }?.id
    }

    func best(_ payload: String, format: AlertFormat, in library: Library) throws -> Match? {
        let alerts = try AlertDecoder.decode(
            Data(payload.utf8), format: format, receivedAt: Date(timeIntervalSince1970: 0))
        let alert = try #require(alerts.first)
        return MatchIndex(library: library).match(alert).first
    }

    static func alertmanager(_ labels: [String: String], summary: String) -> String {
        let labelJSON = labels.sorted { $0.key < $1.key }
            .map { "\"\($0.key)\": \"\($0.value)\"" }
            .joined(separator: ", ")
        return """
            {"version": "4", "status": "firing", "receiver": "oncall", "groupLabels": {}, "commonLabels": {},
             "commonAnnotations": {}, "externalURL": "https://am.example.org", "groupKey": "{}:{}",
             "alerts": [{"status": "firing", "labels": {\(labelJSON)},
                         "annotations": {"summary": "\(summary)"},
                         "startsAt": "2026-01-05T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                         "fingerprint": "0a1b2c3d4e5f6a7b"}]}
            """
    }

    @Test(arguments: [
        ("xqwatcher", "XQueueWatcher", "ip-10-7-4-19", "mitx-production"),
        ("reddit", "Reddit", "ip-10-13-2-77", "production-apps"),
    ])
    func diskUsageWarningGoesToTheEntryOfItsService(
        service: String, product: String, host: String, environment: String
    ) throws {
        let library = try Self.runbooks.get()
        let expected = try #require(entryUnder(product, in: library))
        let text = "[Prometheus]: [FIRING:1] DiskUsageWarning \(environment) "
            + "(\(service) filesystem /dev/xvda1 ext4 \(host) integrations/linux_host warning)"
        #expect(try best(text, format: .text, in: library)?.entry == expected)
        let payload = Self.alertmanager(
            ["alertname": "DiskUsageWarning", "service": service, "instance": host, "severity": "warning"],
            summary: "Disk usage above 80% on \(host)")
        let match = try best(payload, format: .alertmanager, in: library)
        #expect(match?.entry == expected)
        #expect((match?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test(arguments: [
        ("InvalidAccessKeyProduction", "odl-video-service", "OVS"),
        ("AlternateInvalidAccessKeyProduction", "bootcamp-ecommerce", "Bootcamp Ecommerce"),
    ])
    func accessKeyAlertsAreToldApart(name: String, service: String, product: String) throws {
        let library = try Self.runbooks.get()
        let expected = try #require(entryUnder(product, in: library))
        let payload = Self.alertmanager(
            ["alertname": name, "service": service, "severity": "critical"],
            summary: "S3 access key rejected for \(service)")
        let match = try best(payload, format: .alertmanager, in: library)
        #expect(match?.entry == expected)
        #expect((match?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test func accessDeniedWithAnotherUserAndAddressGoesToResidentialMITx() throws {
        let library = try Self.runbooks.get()
        let expected = try #require(entryUnder("OpenEdX Residential MITx", in: library))
        let text = """
            Task handler raised error: "OperationalError(1045, "Access denied for user \
            'v-edxa-Zq81MnTa0'@'10.7.12.203' (using password: YES)")"
            """
        let match = try best(text, format: .text, in: library)
        #expect(match?.entry == expected)
        #expect((match?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test func pingdomDownForTheDiscussionsHomePageGoesToReddit() throws {
        let library = try Self.runbooks.get()
        let expected = try #require(entryUnder("Reddit", in: library))
        let payload = """
            {"check_id": 771204, "check_name": "Open Discussions production home page", "check_type": "HTTP",
             "check_params": {"hostname": "discussions.example.edu", "full_url": "https://discussions.example.edu/"},
             "tags": ["production"], "previous_state": "UP", "current_state": "DOWN", "importance_level": "HIGH",
             "state_changed_timestamp": 1767607200, "description": "Timeout (> 30s)"}
            """
        let match = try best(payload, format: .pingdom, in: library)
        #expect(match?.entry == expected)
        #expect((match?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test func expiringCertificateNothingCoversIsNotConfident() throws {
        let library = try Self.runbooks.get()
        let payload = Self.alertmanager(
            ["alertname": "TLSCertificateExpiringSoon", "instance": "api.example.com:443", "severity": "warning"],
            summary: "The TLS certificate of api.example.com expires in 9 days")
        let match = try best(payload, format: .alertmanager, in: library)
        #expect((match?.score ?? 0) < MatchIndex.defaultThreshold)
    }
}

/// Service-aware matching over the real runbooks (issue 9): an alert name keyed to other services only.
@Suite(.enabled(if: SharedFixtures.available))
struct MatchServiceAcceptanceTests {
    func matches(_ text: String) throws -> [Match] {
        let library = try MatchAcceptanceTests.runbooks.get()
        let alert = try #require(try AlertDecoder.decode(Data(text.utf8), format: .text, receivedAt: Date()).first)
        return MatchIndex(library: library).match(alert, limit: 10)
    }

    @Test func diskUsageOnAServiceNoEntryCoversListsTheOtherServicesEntriesAsCandidates() throws {
        let matches = try matches("DiskUsageWarning payments-db")
        #expect(matches.allSatisfy { $0.score < MatchIndex.defaultThreshold })
        let candidates = matches.filter { $0.title.contains("DiskUsageWarning") }
        #expect(candidates.contains { $0.title.contains("xqwatcher") })
        #expect(candidates.contains { $0.title.contains("reddit") })
        #expect(candidates.allSatisfy { match in
            match.evidence.contains { $0.term == "service payments-db: not named by this entry" }
        })
    }

    @Test func memoryUsageOnElasticsearchIsNotTheSaltMastersEntry() throws {
        let matches = try matches("MemoryUsageWarning elasticsearch-7")
        #expect((matches.first?.score ?? 0) < MatchIndex.defaultThreshold)
    }

    @Test func memoryUsageOnTheOperationsEnvironmentIsTheSaltMastersEntry() throws {
        let match = try #require(try matches("MemoryUsageWarning operations-qa").first)
        #expect(match.title.hasPrefix("MemoryUsageWarning operations-"))
        #expect(match.score >= MatchIndex.defaultThreshold)
    }
}
