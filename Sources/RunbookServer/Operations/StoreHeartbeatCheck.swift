import Foundation
import RunbookStore

/// `/__heartbeat__`'s database check: the store takes a write and serves it back.
public struct StoreHeartbeatCheck: HeartbeatCheck {
    public let name = "database"
    private let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    public func check() async throws -> String {
        try await store.probe(at: Date())
        return "written and read back"
    }
}
