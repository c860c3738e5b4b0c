import Testing

@testable import RunbookCore

struct EntryKindTests {
    @Test(arguments: [
        "DiskUsageWarning xqwatcher", "KubePodCrashLooping", "ApiException hubspot_xpro.tasks.sync",
        "[Pingdom] Open Discussions production home page has an alert",
        "[Prometheus]: [FIRING:1] AlternateInvalidAccessKeyProduction production (bootcamp critical)",
        "Alert: TargetDown", "ALARM: \"high-cpu\" in US East",
    ])
    func alertHeadingsAreAlertKeyed(title: String) {
        #expect(EntryKind.of(Entry(id: "a.md#x", file: "a.md", anchor: "x", title: title, level: 2, line: 1),
                             hasChildren: false) == .alert)
    }

    @Test(arguments: [
        "Hot-deploying rollbacks", "Restoring from a GitLab backup", "Tuning PostgreSQL", "MITXOnline",
        "OpenEdX Residential MITx", "Removing bad data from Metapod", "Using CloudFormation",
    ])
    func otherHeadingsAreNot(title: String) {
        #expect(EntryKind.of(Entry(id: "a.md#x", file: "a.md", anchor: "x", title: title, level: 2, line: 1),
                             hasChildren: false) == .other)
    }

    @Test func aPartMakesAnEntryAlertKeyed() {
        let entry = Entry(id: "a.md#x", file: "a.md", anchor: "x", title: "Slow checkout", level: 2, line: 1,
                          parts: [Part(kind: .impact, title: "Impact", line: 3, style: .heading)])
        #expect(EntryKind.of(entry, hasChildren: true) == .alert)
        let verification = Entry(id: "a.md#y", file: "a.md", anchor: "y", title: "Rotate keys", level: 2, line: 1,
                                 parts: [Part(kind: .verification, title: "Verification", line: 3, style: .heading)])
        #expect(EntryKind.of(verification, hasChildren: false) == .other)
    }

    @Test func aSectionOfEntriesIsAContainer() {
        let product = Entry(id: "a.md#x", file: "a.md", anchor: "x", title: "XQueueWatcher", level: 2, line: 1)
        #expect(EntryKind.of(product, hasChildren: true) == .container)
    }

    @Test func splitsCamelCaseWords() {
        #expect(EntryKind.camelWords("KubePodCrashLooping") == ["Kube", "Pod", "Crash", "Looping"])
        #expect(EntryKind.camelWords("MITXOnline") == ["MITXOnline"])
    }
}
