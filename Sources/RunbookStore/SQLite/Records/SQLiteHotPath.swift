import Foundation
import GRDB
import RunbookCore

/// The writes ingestion makes for every alert, as cached statements: GRDB's record persistence
/// re-encodes every column through Codable, which dominated the cost of an ingest.
enum SQLiteHotPath {
    /// Saves an incident that already exists, as it was read before (`previous`, nil when unknown: every column).
    static func update(_ incident: Incident, from previous: Incident?, _ db: Database) throws {
        // SQLite rewrites the entries of every index on a column the statement sets, changed or not: state and
        // resolvedAt (in `incidents_listing`, `incidents_group`, `incidents_resolved`) are set only when they change,
        // so that an alert joining an open incident writes no index page of `incidents`.
        if let previous, Self.onlyCountsMoved(from: previous, to: incident) {
            try updateCounts(incident, db)
            return
        }
        let keepsState = previous.map { $0.state == incident.state && $0.resolvedAt == incident.resolvedAt } ?? false
        let sql = keepsState
            ? """
                UPDATE incidents SET key = ?, title = ?, severity = ?, entryID = ?, score = ?,
                    acknowledgedAt = ?, acknowledgedBy = ?, resolvedBy = ?, lastSeen = ?,
                    alertCount = ?, firingCount = ?
                WHERE id = ?
                """
            : """
                UPDATE incidents SET key = ?, title = ?, severity = ?, entryID = ?, score = ?,
                    acknowledgedAt = ?, acknowledgedBy = ?, resolvedBy = ?, lastSeen = ?,
                    alertCount = ?, firingCount = ?, state = ?, resolvedAt = ?
                WHERE id = ?
                """
        var arguments: [(any DatabaseValueConvertible)?] = [
            incident.key, incident.title, incident.severity, incident.entryID, incident.score,
            incident.acknowledgedAt?.timeIntervalSince1970, incident.acknowledgedBy, incident.resolvedBy,
            incident.lastSeen.timeIntervalSince1970, incident.alertCount, incident.firingCount,
        ]
        if !keepsState {
            arguments += [incident.state.rawValue, incident.resolvedAt?.timeIntervalSince1970]
        }
        arguments.append(incident.id)
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
    }

    /// Stores a new incident, every column as `Incident`'s record insert writes it (a test holds the two to the same
    /// row): an incident opens for every alert of a new key, and the record's Codable encoding cost about as much as
    /// the rest of the alert's writes.
    static func insertIncident(_ incident: Incident, _ db: Database) throws {
        let sql = """
            INSERT INTO incidents (id, state, key, title, source, severity, groupKey, entryID, score, openedAt,
                openedBy, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, lastSeen, alertCount, firingCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        var arguments = try SQLiteArguments(db, sql: sql)
        arguments.bind(incident.id)
        arguments.bind(incident.state.rawValue)
        arguments.bind(incident.key)
        arguments.bind(incident.title)
        arguments.bind(incident.source.rawValue)
        arguments.bind(incident.severity)
        arguments.bind(incident.groupKey)
        arguments.bind(incident.entryID)
        arguments.bind(incident.score)
        arguments.bind(incident.openedAt)
        arguments.bind(incident.openedBy)
        arguments.bind(incident.acknowledgedAt)
        arguments.bind(incident.acknowledgedBy)
        arguments.bind(incident.resolvedAt)
        arguments.bind(incident.resolvedBy)
        arguments.bind(incident.lastSeen)
        arguments.bind(incident.alertCount)
        arguments.bind(incident.firingCount)
        try arguments.execute()
    }

    /// Saves an incident's last sighting and alert counts, its only columns that an alert joining it moves: four
    /// arguments to bind instead of twelve.
    static func updateCounts(_ incident: Incident, _ db: Database) throws {
        var arguments = try SQLiteArguments(
            db, sql: "UPDATE incidents SET lastSeen = ?, alertCount = ?, firingCount = ? WHERE id = ?")
        arguments.bind(incident.lastSeen)
        arguments.bind(incident.alertCount)
        arguments.bind(incident.firingCount)
        arguments.bind(incident.id)
        try arguments.execute()
    }

    /// True when `incident` differs from `previous` in its last sighting and alert counts only.
    static func onlyCountsMoved(from previous: Incident, to incident: Incident) -> Bool {
        var counted = previous
        counted.lastSeen = incident.lastSeen
        counted.alertCount = incident.alertCount
        counted.firingCount = incident.firingCount
        return counted == incident
    }

    /// Records that an alert row fired again, with the contents and matches it came with this time.
    static func refire(
        _ row: AlertRef, with item: IngestAlert, texts: SQLiteIngestWriter.AlertTexts, at: Date,
        memo: IngestTransactionMemo, _ db: Database
    ) throws {
        let matches = try StoredMatches(item, memo: memo, db)
        let sql = """
            UPDATE alerts SET status = 'firing', fireCount = fireCount + 1, lastSeen = ?, resolvedAt = NULL,
                key = ?, title = ?, text = ?, labels = ?, annotations = ?, severity = ?, url = ?, startsAt = ?,
                endsAt = ?, entryID = ?, score = ?, matches = '[]', libraryRevision = ?, matchSetID = ?
            WHERE id = ?
            """
        var arguments = try SQLiteArguments(db, sql: sql)
        arguments.bind(at)
        arguments.bind(item.key)
        arguments.bindContents(of: item, texts: texts, matches: matches)
        arguments.bind(row.id)
        try arguments.execute()
    }

    /// Stores an alert that fired into an incident for the first time and returns its row id.
    static func insertAlert(
        _ item: IngestAlert, texts: SQLiteIngestWriter.AlertTexts, incidentID: Int64, at: Date,
        memo: IngestTransactionMemo, _ db: Database
    ) throws -> Int64 {
        let matches = try StoredMatches(item, memo: memo, db)
        let sql = """
            INSERT INTO alerts (incidentID, source, status, dedupKey, groupKey, key, fireCount, firstSeen, lastSeen,
                matches, title, text, labels, annotations, severity, url, startsAt, endsAt, entryID, score,
                libraryRevision, matchSetID)
            VALUES (?, ?, 'firing', ?, ?, ?, 1, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        var arguments = try SQLiteArguments(db, sql: sql)
        arguments.bind(incidentID)
        arguments.bind(item.alert.source.rawValue)
        arguments.bind(item.alert.dedupKey)
        arguments.bind(item.alert.groupKey)
        arguments.bind(item.key)
        arguments.bind(at)
        arguments.bind(at)
        arguments.bindContents(of: item, texts: texts, matches: matches)
        try arguments.execute()
        return db.lastInsertedRowID
    }

    /// Where an alert's matches go: the id of their set, or (when nothing matched) no set and the revision in the
    /// alert's own column.
    fileprivate struct StoredMatches {
        var setID: Int64?
        var libraryRevision: String?

        init(_ item: IngestAlert, memo: IngestTransactionMemo, _ db: Database) throws {
            if let set = try item.storedMatchSet() {
                setID = try memo.matchSetID(set, db)
            } else {
                libraryRevision = item.libraryRevision
            }
        }
    }

    /// Records that an alert row was resolved by its source.
    static func clear(_ row: AlertRef, endsAt: Date?, at: Date, _ db: Database) throws {
        let sql = """
            UPDATE alerts SET status = 'resolved', resolvedAt = IFNULL(resolvedAt, ?), endsAt = IFNULL(?, endsAt)
            WHERE id = ?
            """
        var arguments = try SQLiteArguments(db, sql: sql)
        arguments.bind(at)
        arguments.bind(endsAt)
        arguments.bind(row.id)
        try arguments.execute()
    }

    /// Stores a request's body in its stored form (`SQLiteIngestWriter.Request`) and returns its id.
    static func insertPayload(_ stored: SQLiteIngestWriter.Request, _ db: Database) throws -> Int64 {
        let sql = """
            INSERT INTO payloads (receivedAt, source, integration, contentType, body, encoding, size)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        let request = stored.request
        var arguments = try SQLiteArguments(db, sql: sql)
        arguments.bind(request.receivedAt)
        arguments.bind(request.source.rawValue)
        arguments.bind(request.integration)
        arguments.bind(request.contentType)
        arguments.bind(stored.body)
        arguments.bind(stored.encoding?.rawValue)
        arguments.bind(request.payload.count)
        try arguments.execute()
        return db.lastInsertedRowID
    }

    /// Appends a timeline event.
    static func insert(_ event: TimelineEvent, _ db: Database) throws {
        try insert([event], db)
    }

    /// Appends timeline events in their order, in as few statements as the sizes of `timelineRows` allow, largest
    /// first: the events of a transaction of the ingest writer (`IngestTransactionMemo`) go together, 100 in 4
    /// statements. Rows take their ids in the order of `events`.
    static func insert(_ events: [TimelineEvent], _ db: Database) throws {
        try forEachRun(of: events, sizes: timelineRows) { run, slot in
            var arguments = try SQLiteArguments(db, sql: timelineSQL[slot])
            for event in run {
                arguments.bind(event.incidentID)
                arguments.bind(event.at)
                arguments.bind(event.kind.rawValue)
                arguments.bind(event.actor)
                arguments.bind(event.detail)
                arguments.bind(event.alertKey)
                arguments.bind(event.count)
            }
            try arguments.execute()
        }
    }

    /// Cuts `items` into consecutive runs whose lengths are taken from `sizes`, largest first, as few runs as those
    /// allow, and calls `body` with each run and the index of its length in `sizes`. `sizes` goes down to 1, so that
    /// every count is reached: 100 items by [32, 16, 8, 4, 2, 1] are three runs of 32 and one of 4. A multi-row
    /// statement per size then covers any count, and a statement cache holds one statement per size.
    static func forEachRun<Items: RandomAccessCollection>(
        of items: Items, sizes: [Int], _ body: (Items.SubSequence, Int) throws -> Void
    ) rethrows {
        var start = items.startIndex
        for (slot, length) in sizes.enumerated() {
            while items.distance(from: start, to: items.endIndex) >= length {
                let end = items.index(start, offsetBy: length)
                try body(items[start..<end], slot)
                start = end
            }
        }
    }

    /// The rows one timeline statement inserts, largest first; the last is 1, so that every count is reached. The
    /// writer's statement cache holds one statement per size.
    static let timelineRows = [32, 16, 8, 4, 2, 1]

    /// The statements that insert `timelineRows` rows, in the same order.
    private static let timelineSQL: [String] = timelineRows.map { count in
        "INSERT INTO timeline (incidentID, at, kind, actor, detail, alertKey, count) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
    }

    /// JSON text as GRDB writes a record's nested containers (`JSONEncoder`, sorted keys), so both read back alike;
    /// written by hand, as `JSONEncoder` cost more than the rest of an alert's insert.
    static func json(_ map: [String: String]) -> String {
        var text = JSONTextWriter()
        text.stringMap(map)
        return text.text
    }

    /// The matches as `JSONEncoder` with sorted keys writes them (a test holds the two to the same bytes).
    static func json(_ matches: [Match]) throws -> String {
        var text = JSONTextWriter(capacity: 512)
        text.literal("[")
        for (index, match) in matches.enumerated() {
            text.literal(index == 0 ? "{" : ",{")
            text.key("entry", first: true)
            text.string(match.entry)
            text.key("evidence", first: false)
            text.literal("[")
            for (position, evidence) in match.evidence.enumerated() {
                text.literal(position == 0 ? "{" : ",{")
                text.key("alertField", first: true)
                text.string(evidence.alertField)
                text.key("entryField", first: false)
                text.string(evidence.entryField)
                text.key("term", first: false)
                text.string(evidence.term)
                text.key("weight", first: false)
                try text.number(evidence.weight)
                text.literal("}")
            }
            text.literal("]")
            text.key("score", first: false)
            try text.number(match.score)
            text.key("title", first: false)
            text.string(match.title)
            text.literal("}")
        }
        text.literal("]")
        return text.text
    }
}

extension SQLiteArguments {
    /// What an alert's row holds of what it came with, in the order of the columns `title` to `matchSetID` of
    /// `SQLiteHotPath.insertAlert` and `refire`.
    fileprivate mutating func bindContents(
        of item: IngestAlert, texts: SQLiteIngestWriter.AlertTexts, matches: SQLiteHotPath.StoredMatches
    ) {
        bind(item.alert.title)
        bind(item.alert.text)
        bind(texts.labels)
        bind(texts.annotations)
        bind(item.alert.severity)
        bind(item.alert.url)
        bind(item.alert.startsAt)
        bind(item.alert.endsAt)
        bind(item.matches.first?.entry)
        bind(item.matches.first?.score)
        bind(matches.libraryRevision)
        bind(matches.setID)
    }
}
