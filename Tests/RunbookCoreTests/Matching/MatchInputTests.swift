import Foundation
import Testing

@testable import RunbookCore

/// `MatchInput`: alerts with equal inputs match alike, so the ingest path may match once per input.
struct MatchInputTests {
    @Test
    func fieldsTheMatcherDoesNotReadLeaveTheInputAsItIs() {
        let alert = Alert(
            source: .alertmanager, labels: ["alertname": "DiskFull", "service": "db", "instance": "db1"],
            annotations: ["summary": "Disk full"], title: "DiskFull", dedupKey: "a", severity: "page")
        var other = alert
        other.labels["instance"] = "db2"
        other.labels["pod"] = "db-7f9"
        other.dedupKey = "b"
        other.severity = "warning"
        other.startsAt = Date(timeIntervalSince1970: 5)
        #expect(MatchInput(alert: alert, key: "DiskFull") == MatchInput(alert: other, key: "DiskFull"))
        for change in [
            { (copy: inout Alert) in copy.labels["service"] = "web" },
            { (copy: inout Alert) in copy.labels["runbook_url"] = "ops.md#disk" },
            { (copy: inout Alert) in copy.annotations["description"] = "on /var" },
            { (copy: inout Alert) in copy.title = "DiskFull on db" },
            { (copy: inout Alert) in copy.text = "more" },
        ] {
            var changed = alert
            change(&changed)
            #expect(MatchInput(alert: changed, key: "DiskFull") != MatchInput(alert: alert, key: "DiskFull"))
        }
        #expect(MatchInput(alert: alert, key: "DiskFull") != MatchInput(alert: alert, key: "Disk"))
    }

    /// Every development case's alert, and the same alert with other unread labels and fields, match as the alert
    /// made of its input alone does: the input holds all that the answer depends on.
    @Test(.enabled(if: SharedFixtures.available))
    func theInputAloneMatchesAsTheWholeAlertDoes() throws {
        var checked = 0
        for (line, alert, index) in try Self.developmentCases() {
            let key = AlertKey.key(for: alert)
            var storm = alert
            storm.labels["instance"] = "node-\(checked)"
            storm.labels["pod"] = "pod-\(checked)"
            storm.dedupKey = "other-\(checked)"
            storm.severity = "critical"
            let matchInput = MatchInput(alert: alert, key: key)
            #expect(MatchInput(alert: storm, key: key) == matchInput)
            let expected = index.match(alert, key: key)
            #expect(index.match(matchInput.alert, key: key) == expected, "\(line.prefix(120))")
            #expect(index.match(storm, key: key) == expected, "\(line.prefix(120))")
            checked += 1
        }
        #expect(checked > 20)
    }

    /// Every development case's alert with a host, an address and a number written into its title and text: the
    /// query leaves those out, so the prepared match mostly stays the same, and whenever it does, so do the
    /// matches (the ingest path ranks once per prepared match).
    @Test(.enabled(if: SharedFixtures.available))
    func equalPreparedMatchesRankAlike() throws {
        var same = 0
        var checked = 0
        for (line, alert, index) in try Self.developmentCases() {
            let key = AlertKey.key(for: alert)
            let prepared = index.prepare(alert, key: key)
            #expect(index.match(prepared) == index.match(alert, key: key), "\(line.prefix(120))")
            var fleet = alert
            fleet.title += " on 10.20.\(checked % 250).7:9100"
            fleet.text += " (4f9a\(checked)c2e, 1\(checked)23)"
            let fleetPrepared = index.prepare(fleet, key: AlertKey.key(for: fleet))
            if fleetPrepared == prepared {
                same += 1
                #expect(index.match(fleetPrepared) == index.match(alert, key: key), "\(line.prefix(120))")
            }
            #expect(index.match(fleetPrepared) == index.match(fleet, key: AlertKey.key(for: fleet)))
            checked += 1
        }
        #expect(checked > 20)
        #expect(same > checked / 2)
    }

    /// The first alert of every development case, with its case's line and the index of its library.
    static func developmentCases() throws -> [(line: Substring, alert: Alert, index: MatchIndex)] {
        let lines = try String(contentsOf: SharedFixtures.matchingCases, encoding: .utf8).split(separator: "\n")
        var indexes: [String: MatchIndex] = [:]
        var cases: [(line: Substring, alert: Alert, index: MatchIndex)] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let corpus = try #require(object["corpus"] as? String)
            let format = try #require(AlertFormat(rawValue: object["format"] as? String ?? ""))
            let input = try (object["input"] as? String).map { Data($0.utf8) }
                ?? JSONSerialization.data(withJSONObject: object["input"] ?? [:])
            guard let alert = try AlertDecoder.decode(
                input, format: format, receivedAt: Date(timeIntervalSince1970: 0)).first else { continue }
            if indexes[corpus] == nil {
                indexes[corpus] = MatchIndex(
                    library: try MatchAcceptanceTests.library(MatchCasesTests.corpusFolders(corpus)))
            }
            cases.append((line, alert, try #require(indexes[corpus])))
        }
        return cases
    }
}
