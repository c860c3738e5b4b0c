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
///
/// The checkpoints come every `interval` while the WAL grows, so that it starts over before it outgrows
/// `SQLiteStore.walSizeLimit`: a WAL that does outgrow it is cut back when it starts over and then grows again, and
/// every commit that grows the file allocates its blocks and makes `fdatasync` write the file's size too. Under
/// `bench/run`'s load of 1-alert requests (about 90 MB of WAL a second on a 2-core machine) passes every 500 ms let
/// the WAL grow to 45–67 MB and cut it back to 32 MB twice a second; passes every 100 ms keep it under 28 MB. The
/// p99 latency of those requests fell from about 20 ms to about 6, and the server answered 5–7 % more of them
/// (`bench/README.md`, "the WAL's checkpoints every 100 ms while it grows"). When a pass finds no frame written since
/// the last, the next waits `idleInterval`.
final class SQLiteCheckpointer: Sendable {
    /// Time between checkpoints while the WAL grows.
    static let interval: Duration = .milliseconds(100)
    /// Time between checkpoints while nothing is written.
    static let idleInterval: Duration = .milliseconds(500)
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
        idleInterval: Duration = SQLiteCheckpointer.idleInterval, restartFrames: Int = SQLiteCheckpointer.restartFrames
    ) throws {
        var options = Configuration()
        options.busyMode = .timeout(10)
        let connection = try DatabaseQueue(path: path, configuration: options)
        self.connection = connection
        self.writer = writer
        let restarts = restarts
        // Weakly: a store dropped without `close` takes its checkpoints with it.
        task = Task.detached(priority: .utility) { [weak connection, weak writer] in
            var wait = interval
            var frames = -1
            while !Task.isCancelled {
                try? await Task.sleep(for: wait)
                guard let connection, let writer else { return }
                let pass = try? await Self.checkpoint(connection)
                wait = Self.wait(after: pass, framesBefore: frames, interval: interval, idleInterval: idleInterval)
                frames = pass?.walFrames ?? -1
                guard let pass, pass.walFrames >= restartFrames else { continue }
                if (try? await Self.checkpoint(writer)) != nil {
                    restarts.withLockedValue { $0 += 1 }
                }
            }
        }
    }

    deinit {
        task.cancel()
    }

    /// The time to wait after `pass`, when the pass before it found `framesBefore` frames in the WAL: `idleInterval`
    /// when nothing was written between the two (the same frames, all copied), else `interval`. A pass that failed
    /// is tried again after `interval`.
    static func wait(
        after pass: (walFrames: Int, checkpointed: Int)?, framesBefore: Int, interval: Duration, idleInterval: Duration
    ) -> Duration {
        guard let pass, pass.walFrames == framesBefore, pass.checkpointed == pass.walFrames else { return interval }
        return idleInterval
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
