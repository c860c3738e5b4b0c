import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// Pins a cloudwatch integration to SNS topics; an empty list accepts any topic.
    public func setSNSTopics(_ topics: [String], integration name: String) async throws -> Integration {
        let pinned = try Integration.pinned(snsTopics: topics)
        return try await pool.write { db in
            guard var row = try IntegrationRow.fetchOne(db, key: name) else {
                throw StoreError.notFound("no integration named \(name)")
            }
            guard row.source == .cloudwatch || pinned.isEmpty else {
                throw StoreError.invalid(
                    "only cloudwatch integrations take SNS topics; this one receives \(row.source.rawValue) alerts")
            }
            row.snsTopics = pinned.isEmpty ? nil : pinned
            try row.update(db)
            return row.integration
        }
    }
}
