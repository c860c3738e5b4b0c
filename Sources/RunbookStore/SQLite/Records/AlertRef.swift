import GRDB
import RunbookCore

/// Just what ingestion needs to know of an alert's row; decoding whole rows dominated an ingest.
struct AlertRef: Sendable, Hashable {
    var id: Int64
    var incidentID: Int64
    var status: AlertStatus

    private static let columns = "id, incidentID, status"

    /// The newest row of each alert of `dedupKeys` that has one, whichever incident holds it, by dedup key: read for a
    /// whole request at once. The keys go in lists of `newestKeys` sizes (the list padded with its last key), so
    /// that a request takes one statement per 128 alerts, and the writer's statement cache one per size. SQLite gives
    /// the other columns of a `MAX()` aggregate from the row that holds the maximum.
    static func newest(
        source: AlertSource, dedupKeys: some BidirectionalCollection<String>, _ db: Database
    ) throws -> [String: AlertRef] {
        var found: [String: AlertRef] = [:]
        let most = newestKeys[newestKeys.count - 1]
        var keys = dedupKeys[...]
        while !keys.isEmpty {
            let chunk = keys.prefix(most)
            keys = keys.dropFirst(most)
            guard let last = chunk.last else { break }
            let slot = newestKeys.firstIndex { $0 >= chunk.count } ?? newestKeys.count - 1
            var arguments = try SQLiteArguments(db, sql: newestSQL[slot])
            arguments.bind(source.rawValue)
            for key in chunk {
                arguments.bind(key)
            }
            for _ in chunk.count..<newestKeys[slot] {
                arguments.bind(last)
            }
            try arguments.forEachRow { row in
                let key: String = row[0]
                found[key] = AlertRef(id: row[1], incidentID: row[2], status: AlertStatus(rawValue: row[3]) ?? .firing)
            }
        }
        return found
    }

    /// How many dedup keys one `newest` statement takes, smallest first.
    static let newestKeys = [1, 2, 4, 8, 16, 32, 64, 128]

    private static let newestSQL: [String] = newestKeys.map { count in
        "SELECT dedupKey, MAX(id), incidentID, status FROM alerts WHERE source = ? AND dedupKey IN ("
            + Array(repeating: "?", count: count).joined(separator: ", ") + ") GROUP BY dedupKey"
    }

    /// The alert's row in one incident.
    static func find(incidentID: Int64, alert: Alert, _ db: Database) throws -> AlertRef? {
        var arguments = try SQLiteArguments(
            db, sql: "SELECT \(columns) FROM alerts WHERE incidentID = ? AND source = ? AND dedupKey = ?")
        arguments.bind(incidentID)
        arguments.bind(alert.source.rawValue)
        arguments.bind(alert.dedupKey)
        return try fetch(arguments)
    }

    private static func fetch(_ arguments: SQLiteArguments) throws -> AlertRef? {
        guard let row = try arguments.fetchOne() else { return nil }
        return AlertRef(id: row[0], incidentID: row[1], status: AlertStatus(rawValue: row[2]) ?? .firing)
    }
}
