import Foundation
import GRDB
import RunbookCore

/// Read from a row of `silences`: matchers as JSON, times as REAL seconds since 1970.
extension Silence: FetchableRecord {
    /// Decodes a row by hand; matchers that no longer parse are a corrupt database.
    public init(row: Row) throws {
        let matchers: String = row["matchers"]
        self.init(
            id: row["id"], matchers: try JSONDecoder().decode([LabelMatcher].self, from: Data(matchers.utf8)),
            startsAt: Date(timeIntervalSince1970: row["startsAt"]), endsAt: Date(timeIntervalSince1970: row["endsAt"]),
            createdBy: row["createdBy"], comment: row["comment"], expiredBy: row["expiredBy"]
        )
    }

    /// Silences in force at `date`, newest first.
    static func active(at date: Date, _ db: Database) throws -> [Silence] {
        let sql = "SELECT * FROM silences WHERE endsAt > ? AND startsAt <= ? ORDER BY id DESC"
        let time = date.timeIntervalSince1970
        return try Silence.fetchAll(db.cachedStatement(sql: sql), arguments: [time, time])
    }

    /// The matchers as stored.
    static func json(_ matchers: [LabelMatcher]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(matchers), as: UTF8.self)
    }
}
