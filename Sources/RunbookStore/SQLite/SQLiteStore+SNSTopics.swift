import Foundation
import GRDB
import RunbookCore

extension SQLiteStore {
    /// Pins a cloudwatch integration to SNS topics; an empty list accepts any topic.
    public func setSNSTopics(_ topics: [String], integration name: String) async throws -> Integration {
        var unique: [String] = []
        for topic in topics where !unique.contains(topic) {
            try Self.validate(snsTopic: topic)
            unique.append(topic)
        }
        let pinned = unique
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

    /// `arn:aws:sns:<region>:<account>:<name>` (any AWS partition), at most 256 characters, no spaces.
    static func validate(snsTopic topic: String) throws {
        let parts = topic.split(separator: ":", omittingEmptySubsequences: false)
        let valid = topic.count <= 256 && parts.count == 6 && parts[0] == "arn" && parts[1].hasPrefix("aws")
            && parts[2] == "sns" && parts[3...].allSatisfy { !$0.isEmpty }
            && topic.unicodeScalars.allSatisfy { $0.isASCII && (0x21...0x7E).contains($0.value) }
        guard valid else {
            throw StoreError.invalid(
                "\"\(topic)\" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)")
        }
    }
}
