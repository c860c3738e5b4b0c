import Foundation
import RunbookCore

/// Where a page of incidents ended, in their listing order: open first, then newest opened, then highest id.
///
/// Opaque to clients: unpadded base64url of `rank:openedAt:id`, the time as the exact seconds since 1970.
struct IncidentCursor: Sendable, Hashable {
    /// 0 for an open incident, 1 for a resolved one.
    var rank: Int
    var openedAt: Double
    var id: Int64

    init(after incident: Incident) {
        rank = incident.state.isOpen ? 0 : 1
        openedAt = incident.openedAt.timeIntervalSince1970
        id = incident.id
    }

    init(decoding text: String) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let parts = Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }?
            .split(separator: ":").map(String.init) ?? []
        guard parts.count == 3, let rank = Int(parts[0]), let openedAt = Double(parts[1]), let id = Int64(parts[2])
        else {
            throw StoreError.invalid("the cursor \(text) is not one this server gave; start from the first page")
        }
        self.rank = rank
        self.openedAt = openedAt
        self.id = id
    }

    var encoded: String {
        Data("\(rank):\(openedAt):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
