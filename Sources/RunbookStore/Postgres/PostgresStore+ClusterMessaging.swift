import Foundation
import PostgresNIO

extension PostgresStore: ClusterMessaging {
    /// `pg_notify` on the store's channel, with the message as JSON.
    public func announce(_ message: ClusterMessage) async throws {
        let payload = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        try await client.withConnection { connection in
            let channel = try await Self.messageChannel(connection, logger: logger)
            try await connection.query("SELECT pg_notify(\(channel), \(payload))", logger: logger)
        }
    }

    /// `LISTEN` on the store's channel, on a connection of the pool held until this returns. A payload that is not
    /// a message (another program's `NOTIFY` on the channel) is logged and skipped.
    public func listenForMessages(
        onListening: @Sendable () async -> Void, receive: @Sendable (ClusterMessage) async -> Void
    ) async throws {
        try await client.withConnection { connection in
            let channel = try await Self.messageChannel(connection, logger: logger)
            try await connection.listen(on: channel) { notifications in
                await onListening()
                for try await notification in notifications {
                    guard let message = try? JSONDecoder().decode(
                        ClusterMessage.self, from: Data(notification.payload.utf8))
                    else {
                        logger.warning("cluster.message_unreadable", metadata: ["cluster.channel": .string(channel)])
                        continue
                    }
                    await receive(message)
                }
            }
        }
    }

    /// `runbook_` and the schema the store's tables are in: `NOTIFY` reaches a whole database, and stores in other
    /// schemas of it (other installations, tests) must not hear each other. Cut to PostgreSQL's 63-byte names.
    static func messageChannel(_ connection: PostgresConnection, logger: Logger) async throws -> String {
        for try await schema in try await connection.query("SELECT current_schema()", logger: logger)
            .decode(String.self)
        {
            return String(("runbook_" + schema).prefix(63))
        }
        throw PostgresStoreFault("the database names no current schema (search_path is empty)")
    }
}
