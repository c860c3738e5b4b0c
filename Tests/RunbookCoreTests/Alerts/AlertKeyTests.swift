import Foundation
import Testing

@testable import RunbookCore

struct AlertKeyTests {
    @Test(arguments: [
        (
            "[Prometheus]: [FIRING:1] DiskUsageWarning mitx-production (xqwatcher filesystem /dev/root ext4 "
                + "ip-10-7-0-78 integrations/linux_host warning)",
            "DiskUsageWarning xqwatcher"
        ),
        (
            "[Prometheus]: [FIRING:2] DiskUsageWarning production-apps (reddit filesystem /dev/nvme0n1p1 ext4 "
                + "ip-10-13-1-59 integrations/linux_",
            "DiskUsageWarning reddit"
        ),
        (
            "[Prometheus]: [FIRING:1] InvalidAccessKeyProduction apps-production (odl-video-service critical)",
            "InvalidAccessKeyProduction odl-video-service"
        ),
        (
            "[RESOLVED] AlternateInvalidAccessKeyProduction production (bootcamp-ecommerce critical)",
            "AlternateInvalidAccessKeyProduction bootcamp-ecommerce"
        ),
        (
            "Task handler raised error: \"OperationalError(1045, \"Access denied for user "
                + "'v-edxa-Q8zLw2pR7'@'10.7.3.19' (using password: YES)",
            "Task handler raised error OperationalError Access denied for user using password YES"
        ),
        ("[Pingdom] Open Discussions production home page has an alert", "Open Discussions home page has an alert"),
        ("[Triggered] checkout-api prod: p99 latency above 2.5s on 10.2.0.14", "checkout-api p99 latency above on"),
        ("[Recovered on {host:web-07}] Queue depth high", "Queue depth high"),
        ("Firing 1 - Redis memory usage is too high", "Redis memory usage is too high"),
        (
            "ALARM: \"orders-worker-prod-cpu-high\" in US East (N. Virginia)",
            "orders-worker-cpu-high in US East N Virginia"
        ),
        (
            "KubePodCrashLooping (payments-api-7d9f8c6b5-x2k9q staging 3f2a9c1e-77b0-4e8e-9d61-0c5b2a7e4f11)",
            "KubePodCrashLooping payments-api"
        ),
        (
            "Backup failed at 2026-03-02T07:41:03Z for /var/lib/postgresql/data on db-04.example.internal",
            "Backup failed at for on"
        ),
        ("[FIRING:3] NodeDown (s2 qa 2026-01-02 0x7f3a9c2e)", "NodeDown"),
        ("   ", ""),
    ])
    func boilsTitles(title: String, key: String) {
        #expect(AlertKey.boil(title) == key)
    }

    @Test func keepsTheAlertNameAndAddsTheServiceLabel() {
        let alert = Alert(
            source: .alertmanager,
            labels: [
                "alertname": "DiskUsageWarning", "environment": "mitx-production", "service": "xqwatcher",
                "job": "integrations/linux_host", "instance": "ip-10-7-0-78", "severity": "warning",
            ],
            title: "DiskUsageWarning: disk almost full", dedupKey: "a1")
        #expect(AlertKey.key(for: alert) == "DiskUsageWarning xqwatcher")
    }

    @Test func skipsAServiceWordTheNameAlreadyCarries() {
        let alert = Alert(
            source: .alertmanager, labels: ["alertname": "RedisMemoryHigh", "service": "redis", "job": "node"],
            title: "RedisMemoryHigh", dedupKey: "a2")
        #expect(AlertKey.key(for: alert) == "RedisMemoryHigh")
    }

    @Test func skipsGenericServiceLabelsForTheNextOne() {
        let alert = Alert(
            source: .alertmanager,
            labels: ["alertname": "HostDown", "job": "integrations/linux_host", "type": "gitaly"],
            title: "HostDown", dedupKey: "a3")
        #expect(AlertKey.key(for: alert) == "HostDown gitaly")
    }

    @Test func proberIsNotTheService() {
        let alert = Alert(
            source: .alertmanager,
            labels: ["alertname": "SearchIndexLifecycleStopped", "job": "blackbox", "type": "blackbox", "tier": "inf"],
            title: "Index lifecycle is no longer running", dedupKey: "a4")
        #expect(AlertKey.key(for: alert) == "SearchIndexLifecycleStopped")
    }

    @Test func usesTheTitleWithoutAName() {
        let alert = Alert(source: .text, title: "[FIRING:1] NodeDown ip-10-1-2-3 production", dedupKey: "t")
        #expect(AlertKey.key(for: alert) == "NodeDown")
    }

    @Test func aFleetsHostsNumberedWithALeadingZeroShareOneKey() {
        let keys = ["console-01-sv-gprd", "console-02-sv-gprd", "redis-sidekiq-02"].map { host in
            let title = "FilesystemInodesLow: Free inodes on \(host)"
            return AlertKey.key(for: Alert(source: .text, title: title, dedupKey: host))
        }
        #expect(keys == Array(repeating: "FilesystemInodesLow Free inodes on", count: 3))
        // Not a padded number: the host's words stay, as before.
        let other = Alert(source: .text, title: "FilesystemInodesLow: Free inodes on db-3", dedupKey: "d")
        #expect(AlertKey.key(for: other) == "FilesystemInodesLow Free inodes on db")
    }

    @Test func usesTheCheckNameOfAPingdomAlertWhateverItsState() {
        let down = Alert(
            source: .pingdom, labels: ["check_name": "Shop production checkout page"],
            title: "Shop production checkout page is DOWN", dedupKey: "9")
        var up = down
        up.status = .resolved
        up.title = "Shop production checkout page is UP"
        #expect(AlertKey.key(for: down) == "Shop checkout page")
        #expect(AlertKey.key(for: up) == AlertKey.key(for: down))
    }

    @Test func keysAreShortForLongText() {
        let words = (1...40).map { "word\(String(repeating: "x", count: $0 % 5))\($0 % 7 == 0 ? "" : "y")" }
        #expect(AlertKey.boil(words.joined(separator: " ")).split(separator: " ").count <= AlertKey.wordLimit)
    }
}
