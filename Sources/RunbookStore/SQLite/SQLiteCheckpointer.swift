import Foundation
import GRDB

/// Copies the WAL back into the database file from a connection of its own, every `interval`, so that no
/// committing transaction does it.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages, on the writer: with
/// `synchronous=FULL` it copies those pages and syncs the database file before that `COMMIT` returns, while every
/// ingest request queued behind the group commit waits. The store turns it off on its writer
/// (`PRAGMA wal_autocheckpoint = 0`) and this does the work instead, with `wal_checkpoint(PASSIVE)`, which takes no
/// lock the writer or the readers wait for. Durability is unchanged: a commit is durable once its WAL frames are
/// synced, whenever they are checkpointed.
final class SQLiteCheckpointer: Sendable {
    /// Time between checkpoints.
    static let interval: Duration = .milliseconds(500)

    private let connection: DatabaseQueue
    private let task: Task<Void, Never>

    /// Opens a connection to the database at `path` and starts checkpointing it.
    init(path: String, interval: Duration = SQLiteCheckpointer.interval) throws {
        var options = Configuration()
        options.busyMode = .timeout(10)
        let connection = try DatabaseQueue(path: path, configuration: options)
        self.connection = connection
        // Weakly: a store dropped without `close` takes its checkpoints with it.
        task = Task.detached(priority: .utility) { [weak connection] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let connection else { return }
                _ = try? await Self.checkpoint(connection)
            }
        }
    }

    deinit {
        task.cancel()
    }

    /// One passive checkpoint, on GRDB's queue for the connection (it syncs the database file: not on a thread of
    /// Swift's cooperative pool): the WAL's frames and how many of them are now in the database file.
    @discardableResult
    static func checkpoint(_ connection: DatabaseQueue) async throws -> (walFrames: Int, checkpointed: Int) {
        try await connection.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
            return (row?[1] ?? 0, row?[2] ?? 0)
        }
    }

    /// One passive checkpoint now.
    @discardableResult
    func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        try await Self.checkpoint(connection)
    }

    /// Stops checkpointing and closes its connection.
    func stop() async throws {
        task.cancel()
        await task.value
        try connection.close()
    }
}
