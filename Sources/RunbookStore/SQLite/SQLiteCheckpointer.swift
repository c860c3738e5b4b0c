import Foundation
import GRDB
import NIOConcurrencyHelpers

/// Copies the WAL back into the database file from a connection of its own, every `interval`, so that no
/// committing transaction does it; and sees that the WAL starts over, so that it does not grow without bound.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages, on the writer: with
/// `synchronous=FULL` it copies those pages and syncs the database file before that `COMMIT` returns, while every
/// ingest request queued behind the group commit waits. The store turns it off on its writer
/// (`PRAGMA wal_autocheckpoint = 0`) and this does the work instead, with `wal_checkpoint(PASSIVE)`, which takes no
/// lock the writer or the readers wait for. Durability is unchanged: a commit is durable once its WAL frames are
/// synced, whenever they are checkpointed.
///
/// A passive checkpoint beside a busy writer never catches up with it: the writer appends while it copies, so the
/// WAL is never wholly copied when the writer's next transaction begins, which is the only moment SQLite starts
/// the WAL over. Under sustained ingest the WAL grew by tens of megabytes a second. So when the WAL holds
/// `restartFrames` frames or more, one more passive checkpoint runs on the writer's own queue, between two
/// group commits: nothing is appended meanwhile, the copy reaches the WAL's end (most of it was copied already, off
/// the writer), and the next write transaction starts the WAL from its beginning. `journal_size_limit` on the
/// writer then cuts the file back.
final class SQLiteCheckpointer: Sendable {
    /// Time between checkpoints.
    static let interval: Duration = .milliseconds(500)
    /// WAL frames (pages) from which the WAL is made to start over: 4,096 pages of 4 KiB, 16 MiB.
    static let restartFrames = 4_096

    private let connection: DatabaseQueue
    private let writer: DatabasePool
    private let task: Task<Void, Never>
    private let restarts = NIOLockedValueBox(0)

    /// Opens a connection to the database at `path` and starts checkpointing it; `writer` is the store's pool,
    /// whose writer queue runs the checkpoints that let the WAL start over.
    init(
        path: String, writer: DatabasePool, interval: Duration = SQLiteCheckpointer.interval,
        restartFrames: Int = SQLiteCheckpointer.restartFrames
    ) throws {
        var options = Configuration()
        options.busyMode = .timeout(10)
        let connection = try DatabaseQueue(path: path, configuration: options)
        self.connection = connection
        self.writer = writer
        let restarts = restarts
        // Weakly: a store dropped without `close` takes its checkpoints with it.
        task = Task.detached(priority: .utility) { [weak connection, weak writer] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let connection, let writer else { return }
                guard let pass = try? await Self.checkpoint(connection), pass.walFrames >= restartFrames else {
                    continue
                }
                if (try? await Self.checkpoint(writer)) != nil {
                    restarts.withLockedValue { $0 += 1 }
                }
            }
        }
    }

    deinit {
        task.cancel()
    }

    /// One passive checkpoint, on GRDB's queue for the connection (it syncs the database file: not on a thread of
    /// Swift's cooperative pool): the WAL's frames and how many of them are now in the database file.
    @discardableResult
    static func checkpoint(_ connection: some DatabaseWriter) async throws -> (walFrames: Int, checkpointed: Int) {
        try await connection.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
            return (row?[1] ?? 0, row?[2] ?? 0)
        }
    }

    /// One passive checkpoint now, from the checkpointer's own connection.
    @discardableResult
    func checkpoint() async throws -> (walFrames: Int, checkpointed: Int) {
        try await Self.checkpoint(connection)
    }

    /// One passive checkpoint now on the writer's queue, between its transactions, so that it reaches the WAL's
    /// end and the next write transaction starts the WAL over (unless a reader still reads an older snapshot).
    @discardableResult
    func checkpointOnWriter() async throws -> (walFrames: Int, checkpointed: Int) {
        try await Self.checkpoint(writer)
    }

    /// How many times the WAL was made to start over since the store opened.
    var restartCount: Int {
        restarts.withLockedValue { $0 }
    }

    /// Stops checkpointing and closes its connection.
    func stop() async throws {
        task.cancel()
        await task.value
        try connection.close()
    }
}
