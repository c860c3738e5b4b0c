import Foundation
import GRDB
import RunbookCore

/// A request body as received, linked to the alerts it carried through `alertPayloads` (read side).
struct PayloadRow: Codable, Sendable, SQLiteRecord {
    static let databaseTableName = "payloads"

    var id: Int64?
    var receivedAt: Date
    var source: String
    var integration: String?
    var contentType: String?
    var body: Data

    var stored: StoredPayload {
        StoredPayload(
            id: id ?? 0, receivedAt: receivedAt, source: AlertSource(rawValue: source) ?? .generic,
            integration: integration, contentType: contentType, body: body
        )
    }
}
