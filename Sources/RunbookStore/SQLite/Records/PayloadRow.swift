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
    /// As stored: see `encoding`.
    var body: Data
    /// `PayloadEncoding`'s name, or nil when `body` is as received.
    var encoding: String?
    /// The body's size as received.
    var size: Int?

    /// The payload with its body as received; throws `PayloadEncodingError` when the stored body cannot be read.
    func stored() throws -> StoredPayload {
        let id = id ?? 0
        return StoredPayload(
            id: id, receivedAt: receivedAt, source: AlertSource(rawValue: source) ?? .generic,
            integration: integration, contentType: contentType,
            body: try PayloadEncoding.decode(body, encoding: encoding, size: size, payloadID: id)
        )
    }
}
