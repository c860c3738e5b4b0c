import Foundation
import GRDB
import RunbookCore

extension MatchSet {
    /// The id of this set in `matchSets`, inserted when it is not there yet (in the caller's transaction, so a
    /// rolled-back request takes its new set with it).
    func sqliteID(_ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM matchSets WHERE digest = ?"),
                                       arguments: [digest]) {
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO matchSets (digest, libraryRevision, matches) VALUES (?, ?, ?)")
            .execute(arguments: [digest, libraryRevision, json])
        return db.lastInsertedRowID
    }

    /// Deletes the sets no alert refers to any more (after a prune).
    static func deleteUnreferenced(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM matchSets WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.matchSetID = matchSets.id)
            """)
    }
}

extension AlertRow {
    /// The rows with the matches and library revision of the set each refers to, in place of their own columns.
    static func withMatchSets(_ rows: [AlertRow], _ db: Database) throws -> [AlertRow] {
        let ids = Set(rows.compactMap(\.matchSetID))
        guard !ids.isEmpty else { return rows }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let sql = "SELECT id, libraryRevision, matches FROM matchSets WHERE id IN (\(placeholders))"
        let decoder = JSONDecoder()
        var sets: [Int64: (revision: String?, matches: [Match])] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(Array(ids))) {
            let text: String = row["matches"]
            sets[row["id"]] = (row["libraryRevision"], try decoder.decode([Match].self, from: Data(text.utf8)))
        }
        return rows.map { row in
            guard let id = row.matchSetID, let set = sets[id] else { return row }
            var resolved = row
            resolved.matches = set.matches
            resolved.libraryRevision = set.revision
            return resolved
        }
    }
}
