import Foundation
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// `MatchCache`: one match per distinct alert input and library, and the same answers as matching each alert.
struct MatchCacheTests {
    static let runbook = """
        # Storage

        ## DiskFull
        The disk is full: find the largest files and grow the volume.

        ## HighLatency
        Requests are slow: check the database and the load balancer.
        """

    static func snapshot(_ text: String, revision: String) -> LibrarySnapshot {
        let library = Library(folders: [LibraryFolder(name: "lib", files: [
            SourceFile(path: "ops/storage.md", contents: text),
        ])])
        return LibrarySnapshot(
            library: library, findings: [], revision: revision, loadedAt: Date(timeIntervalSince1970: 0))
    }

    static func alert(_ name: String, instance: String, summary: String) -> Alert {
        Alert(source: .alertmanager, labels: ["alertname": name, "instance": instance, "service": "db"],
              annotations: ["summary": summary], title: name, dedupKey: "\(name)/\(instance)")
    }

    @Test
    func aStormIsMatchedOncePerDistinctInputWithTheAnswersOfMatchingEachAlert() throws {
        let cache = MatchCache()
        let snapshot = Self.snapshot(Self.runbook, revision: "rev-1")
        var alerts = (1...50).map { Self.alert("DiskFull", instance: "db\($0)", summary: "Disk full") }
        alerts += (1...50).map { Self.alert("HighLatency", instance: "web\($0)", summary: "Slow requests") }
        alerts += [Self.alert("DiskFull", instance: "db1", summary: "Disk full on /var")]
        for alert in alerts {
            let key = AlertKey.key(for: alert)
            let found = cache.matches(for: alert, key: key, in: snapshot)
            #expect(found.matches == snapshot.index.match(alert, key: key))
            #expect(!found.matches.isEmpty)
            #expect(found.set?.matches == found.matches)
            #expect(found.set?.libraryRevision == "rev-1")
        }
        #expect(cache.count == 3)
    }

    @Test
    func aReloadedLibraryIsMatchedAfreshAndTheOldAnswersAreForgotten() throws {
        let cache = MatchCache()
        let alert = Self.alert("DiskFull", instance: "db1", summary: "Disk full")
        let key = AlertKey.key(for: alert)
        let before = cache.matches(for: alert, key: key, in: Self.snapshot(Self.runbook, revision: "rev-1"))
        #expect(before.matches.first?.entry.contains("diskfull") == true)
        let reloaded = Self.snapshot(
            Self.runbook.replacingOccurrences(of: "## DiskFull", with: "## VolumeFull"), revision: "rev-2")
        let after = cache.matches(for: alert, key: key, in: reloaded)
        #expect(after.matches == reloaded.index.match(alert, key: key))
        #expect(after.matches != before.matches)
        #expect(after.set?.libraryRevision == "rev-2")
        #expect(cache.count == 1)
    }

    @Test
    func itHoldsAtMostItsCapacity() {
        let cache = MatchCache(capacity: 4)
        let snapshot = Self.snapshot(Self.runbook, revision: "rev-1")
        for number in 1...10 {
            let alert = Self.alert("DiskFull", instance: "db1", summary: "Disk full \(number)")
            _ = cache.matches(for: alert, key: AlertKey.key(for: alert), in: snapshot)
        }
        #expect(cache.count == 4)
    }

    @Test
    func newAlertsOfAKnownKindAreNotRankedAgainAndGetTheAnswersOfMatchingEachAlert() throws {
        let cache = MatchCache()
        let snapshot = Self.snapshot(Self.runbook, revision: "rev-1")
        // A fleet: every alert names its own host in its summary, so every input is new; the hosts' words are left
        // out of the query, so two queries (one per alert name) serve all of them.
        var alerts: [Alert] = []
        for number in 1...30 {
            alerts.append(Self.alert("DiskFull", instance: "db-\(number)", summary: "Disk full on db-\(number)"))
            alerts.append(Self.alert("HighLatency", instance: "10.0.0.\(number):9100",
                                     summary: "Slow requests on 10.0.0.\(number):9100"))
        }
        // The same words with a runbook link: the link decides, so it is another prepared match.
        var linked = Self.alert("HighLatency", instance: "web-1", summary: "Slow requests on web-1")
        linked.annotations["runbook_url"] = "ops/storage.md#diskfull"
        alerts.append(linked)
        // Another word is another query.
        alerts.append(Self.alert("DiskFull", instance: "db-1", summary: "Disk full on db-1 grow the volume"))
        for alert in alerts {
            let key = AlertKey.key(for: alert)
            let found = cache.matches(for: alert, key: key, in: snapshot)
            #expect(found.matches == snapshot.index.match(alert, key: key))
            #expect(found.set?.matches == found.matches)
        }
        #expect(cache.count == alerts.count)
        #expect(cache.preparedCount == 4)
        let linkedMatches = cache.matches(for: linked, key: AlertKey.key(for: linked), in: snapshot).matches
        #expect(linkedMatches.first?.entry == "ops/storage.md#diskfull")
    }

    @Test
    func newInputsWithAKnownMatchListReuseItsStoredForm() throws {
        let cache = MatchCache()
        let snapshot = Self.snapshot(Self.runbook, revision: "rev-1")
        // Every alert names its own host in its summary: 40 inputs, and (the host being no runbook word) one list.
        let alerts = (1...40).map { Self.alert("DiskFull", instance: "db\($0)", summary: "Disk full on db\($0)") }
        var digests: Set<String> = []
        for alert in alerts {
            let key = AlertKey.key(for: alert)
            let found = cache.matches(for: alert, key: key, in: snapshot)
            let fresh = try MatchSet(matches: snapshot.index.match(alert, key: key), libraryRevision: "rev-1")
            #expect(found.matches == fresh.matches)
            #expect(found.set?.json == fresh.json)
            #expect(found.set?.digest == fresh.digest)
            digests.insert(try #require(found.set).digest)
        }
        #expect(cache.count == 40)
        #expect(digests.count == cache.setCount)
        #expect(cache.setCount < 40)

        let other = Self.alert("HighLatency", instance: "web1", summary: "Slow requests")
        let found = cache.matches(for: other, key: AlertKey.key(for: other), in: snapshot)
        #expect(found.set?.matches == found.matches)
        #expect(!digests.contains(try #require(found.set).digest))
    }

    @Test
    func aReloadForgetsTheKnownListsSoEveryListCarriesItsOwnRevision() throws {
        let cache = MatchCache()
        let alert = Self.alert("DiskFull", instance: "db1", summary: "Disk full")
        let key = AlertKey.key(for: alert)
        let before = cache.matches(for: alert, key: key, in: Self.snapshot(Self.runbook, revision: "rev-1"))
        // The same text under a new revision gives the same list, which must not be stored as rev-1's.
        let after = cache.matches(for: alert, key: key, in: Self.snapshot(Self.runbook, revision: "rev-2"))
        #expect(after.matches == before.matches)
        #expect(after.set?.libraryRevision == "rev-2")
        #expect(after.set?.digest != before.set?.digest)
        #expect(cache.setCount == 1)
    }

    @Test
    func itHoldsAtMostItsCapacityOfLists() {
        let cache = MatchCache(capacity: 64, setCapacity: 2)
        let snapshot = Self.snapshot(Self.runbook, revision: "rev-1")
        let summaries = ["Disk full", "Slow requests", "database load balancer", "grow the volume"]
        for (number, summary) in summaries.enumerated() {
            let alert = Self.alert("Unknown\(number)", instance: "db1", summary: summary)
            _ = cache.matches(for: alert, key: AlertKey.key(for: alert), in: snapshot)
        }
        #expect(cache.count == 4)
        #expect(cache.setCount == 2)
    }
}
