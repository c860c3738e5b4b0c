import Foundation
import GRDB
import RunbookCore
import Testing

@testable import RunbookStore

struct SQLiteHotPathTests {
    static let matchLists: [[Match]] = [
        [],
        [Match(entry: "services/db.md#replication-lag", title: "Replication lag", score: 0.8807970779778823,
               evidence: [
                   Evidence(term: "replication lag", alertField: "title", entryField: "title", weight: 2),
                   Evidence(term: "https://runbooks.example/db#lag", alertField: "runbook_url",
                            entryField: "anchor", weight: 10.25),
               ])],
        [Match(entry: "a.md#x", title: "Quote \" and \\ and\ttab", score: 1, evidence: []),
         Match(entry: "b.md#é", title: "中文 🙂 \u{1}", score: 1e-7,
               evidence: [Evidence(term: "x/y", alertField: "label.service", entryField: "text", weight: 0.1)])],
    ]

    @Test(arguments: matchLists)
    func matchesAreStoredAsJSONEncoderWritesThem(matches: [Match]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let expected = String(decoding: try encoder.encode(matches), as: UTF8.self)
        #expect(try SQLiteHotPath.json(matches) == expected)
    }

    @Test
    func labelsAreStoredAsJSONEncoderWritesThem() throws {
        let labels = ["alertname": "DiskFull", "path": "/var/lib", "Zone": "eu-1", "note": "a \"b\"\n"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(SQLiteHotPath.json(labels) == String(decoding: try encoder.encode(labels), as: UTF8.self))
    }

    /// A new incident written by the hot path is the row `Incident`'s record insert writes, column for column, with
    /// every optional column set and with none.
    @Test(arguments: [true, false])
    func anIncidentInsertedByTheHotPathIsTheRecordsRow(full: Bool) throws {
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue)
        var incident = Incident(
            id: 41, state: full ? .acknowledged : .triggered, key: "DiskFull db", title: "DiskFull db1 \"x\" é",
            source: .alertmanager, severity: full ? "critical" : nil, groupKey: "disk", entryID: nil, score: nil,
            openedAt: Date(timeIntervalSince1970: 1_764_000_000.125), openedBy: "alertmanager",
            lastSeen: Date(timeIntervalSince1970: 1_764_000_060.5), alertCount: 3, firingCount: 2)
        if full {
            incident.entryID = "ops.md#disk-full"
            incident.score = 0.875
            incident.acknowledgedAt = Date(timeIntervalSince1970: 1_764_000_030.25)
            incident.acknowledgedBy = "ana"
            incident.resolvedAt = Date(timeIntervalSince1970: 1_764_000_090)
            incident.resolvedBy = "bo"
        }
        var other = incident
        other.id = 42
        try queue.write { db in
            try incident.insert(db)
            try SQLiteHotPath.insertIncident(other, db)
        }
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM incidents ORDER BY id") }
        #expect(rows.count == 2)
        let columns = rows[0].columnNames.filter { $0 != "id" }
        #expect(columns.count == 17)
        for column in columns {
            #expect(rows[0][column] as DatabaseValue == rows[1][column] as DatabaseValue, "\(column)")
        }
        #expect(try queue.read { db in try Incident.fetchOne(db, key: 42) } == other)
    }

    /// Timeline events written several to a statement keep their order and columns, for counts that take every size
    /// of `timelineRows` (63 = 32 + 16 + 8 + 4 + 2 + 1) and more than the largest (75 = 2 × 32 + 8 + 2 + 1).
    @Test(arguments: [1, 2, 3, 5, 7, 33, 63, 75])
    func timelineEventsAreWrittenInOrderManyToAStatement(count: Int) throws {
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue)
        let incident = Incident(
            id: 1, key: "k", title: "t", source: .generic, groupKey: "g", openedAt: Fixture.at(0),
            openedBy: "generic", lastSeen: Fixture.at(0), alertCount: 1, firingCount: 1)
        let events = (0..<count).map { index in
            TimelineEvent(
                incidentID: 1, at: Fixture.at(Double(index)), kind: index % 2 == 0 ? .alertFired : .note,
                actor: index % 3 == 0 ? nil : "actor\(index)", detail: "detail \(index)",
                alertKey: index % 2 == 0 ? "key\(index)" : nil, count: index + 1)
        }
        try queue.write { db in
            try incident.insert(db)
            try SQLiteHotPath.insert(events, db)
        }
        let stored = try queue.read { db in try TimelineEvent.fetchAll(db, sql: "SELECT * FROM timeline ORDER BY id") }
        #expect(stored.map { event in var copy = event; copy.id = nil; return copy } == events)
    }

    /// `AlertRef.newest` gives each key's newest row, whichever incident holds it and whatever its status, as one
    /// lookup per key does: for lists of every statement size (padded), past the largest, with a key repeated, a key
    /// without rows, and another source's rows of the same keys left out.
    @Test(arguments: [0, 1, 3, 5, 128, 130, 300])
    func newestRowsOfARequestAreTheRowsOneLookupEachFinds(count: Int) throws {
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue)
        try queue.write { db in
            let memo = IngestTransactionMemo()
            for id in [1, 2] as [Int64] {
                try SQLiteHotPath.insertIncident(Incident(
                    id: id, key: "k\(id)", title: "t", source: .alertmanager, groupKey: "g\(id)",
                    openedAt: Fixture.at(0), openedBy: "alertmanager", lastSeen: Fixture.at(0), alertCount: 1,
                    firingCount: 1), db)
            }
            func insert(_ alert: Alert, into incidentID: Int64) throws -> Int64 {
                try SQLiteHotPath.insertAlert(
                    Fixture.item(alert), texts: SQLiteIngestWriter.AlertTexts(alert), incidentID: incidentID,
                    at: Fixture.at(1), memo: memo, db)
            }
            // Even keys have a row in incident 1, every third key one in incident 2 (newer where both), every fifth
            // key's newest row is resolved, and every seventh has a newer row of another source.
            for number in 0..<count {
                let alert = Fixture.alert("Disk", instance: "h\(number)")
                var newest: Int64?
                if number % 2 == 0 { newest = try insert(alert, into: 1) }
                if number % 3 == 0 { newest = try insert(alert, into: 2) }
                if let newest, number % 5 == 0 {
                    try SQLiteHotPath.clear(
                        AlertRef(id: newest, incidentID: 0, status: .firing), endsAt: nil, at: Fixture.at(2), db)
                }
                if number % 7 == 0 {
                    _ = try insert(Fixture.alert("Disk", instance: "h\(number)", source: .generic), into: 1)
                }
            }
            let keys = (0..<count).map { "Disk/h\($0)" } + ["Disk/h0", "Disk/nowhere"]
            let found = try AlertRef.newest(source: .alertmanager, dedupKeys: keys, db)
            var expected: [String: AlertRef] = [:]
            for key in keys {
                let sql = """
                    SELECT id, incidentID, status FROM alerts WHERE source = 'alertmanager' AND dedupKey = ?
                    ORDER BY id DESC LIMIT 1
                    """
                if let row = try Row.fetchOne(db, sql: sql, arguments: [key]) {
                    expected[key] = AlertRef(
                        id: row[0], incidentID: row[1], status: AlertStatus(rawValue: row[2]) ?? .firing)
                }
            }
            #expect(found == expected)
            #expect(found.count == (0..<count).filter { $0 % 2 == 0 || $0 % 3 == 0 }.count)
            #expect(found.values.contains { $0.status == .resolved } == (count > 0))
        }
    }

    /// Runs are cut largest first, cover every item once and in order, and name the index of their length.
    @Test(arguments: [
        (0, [Int]()), (1, [1]), (5, [4, 1]), (7, [4, 3]), (63, [32, 16, 8, 4, 3]), (100, [32, 32, 32, 4]),
    ])
    func itemsAreCutIntoTheFewestRunsOfTheGivenSizes(count: Int, lengths: [Int]) {
        let sizes = [32, 16, 8, 4, 3, 2, 1]
        var runs: [[Int]] = []
        SQLiteHotPath.forEachRun(of: Array(0..<count), sizes: sizes) { run, slot in
            #expect(sizes[slot] == run.count)
            runs.append(Array(run))
        }
        #expect(runs.map(\.count) == lengths)
        #expect(runs.flatMap { $0 } == Array(0..<count))
    }

    /// An incident whose last sighting and counts alone moved is saved by the short `UPDATE`; any other change is not.
    @Test
    func onlyTheCountsAndLastSightingMovingIsTheShortUpdate() {
        let previous = Incident(
            id: 7, state: .triggered, key: "DiskFull", title: "DiskFull db1", source: .alertmanager,
            severity: "warning", groupKey: "disk", entryID: nil, score: nil, openedAt: Fixture.at(0),
            openedBy: "alertmanager", lastSeen: Fixture.at(0), alertCount: 1, firingCount: 1)
        var counted = previous
        counted.lastSeen = Fixture.at(5)
        counted.alertCount = 2
        counted.firingCount = 2
        #expect(SQLiteHotPath.onlyCountsMoved(from: previous, to: counted))
        #expect(SQLiteHotPath.onlyCountsMoved(from: previous, to: previous))
        let changes: [(inout Incident) -> Void] = [
            { $0.severity = "critical" }, { $0.title = "DiskFull db2" }, { $0.entryID = "ops.md#disk-full" },
            { $0.score = 0.9 }, { $0.key = "DiskFull db" }, { $0.state = .acknowledged },
            { $0.acknowledgedAt = Fixture.at(3) }, { $0.acknowledgedBy = "ana" }, { $0.resolvedBy = "ana" },
            { $0.resolvedAt = Fixture.at(4) },
        ]
        for change in changes {
            var changed = counted
            change(&changed)
            #expect(!SQLiteHotPath.onlyCountsMoved(from: previous, to: changed))
        }
    }

    /// Alerts joining one open incident: a sighting alone takes the short `UPDATE`, a higher severity the whole
    /// one; the incident read back has both.
    @Test
    func anIncidentJoinedByAlertsKeepsEveryChange() async throws {
        try await StoreKind.sqlite.withStore { store in
            _ = try await store.ingest(Fixture.request([Fixture.alert("Disk", instance: "a", group: "g")], at: 1))
            _ = try await store.ingest(Fixture.request([Fixture.alert("Disk", instance: "b", group: "g")], at: 2))
            _ = try await store.ingest(Fixture.request(
                [Fixture.alert("Disk", instance: "c", group: "g", severity: "critical")], at: 3))
            _ = try await store.ingest(Fixture.request([Fixture.alert("Disk", instance: "d", group: "g")], at: 4))
            let incidents = try await Fixture.allIncidents(store)
            #expect(incidents.count == 1)
            #expect(incidents.first?.alertCount == 4)
            #expect(incidents.first?.firingCount == 4)
            #expect(incidents.first?.severity == "critical")
            #expect(incidents.first?.lastSeen == Fixture.at(4))
        }
    }
}
