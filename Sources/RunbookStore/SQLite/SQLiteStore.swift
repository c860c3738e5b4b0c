import Foundation
import GRDB
import RunbookCore

/// The embedded store: one SQLite file through GRDB, in WAL mode with `synchronous=FULL` and foreign keys on.
///
/// Migrations run when it opens. Concurrent `ingest` calls are group-committed: they share write
/// transactions (see `SQLiteIngestWriter.commit`). Another process (the admin CLI) may open the same
/// file while the server runs; writers wait for each other.
///
/// ```swift
/// let store = try SQLiteStore(path: "runbook-data/runbook.sqlite")
/// let result = try await store.ingest(request)
/// ```
public struct SQLiteStore: Store {
    let pool: DatabasePool
    let configuration: StoreConfiguration
    private let committer: ThreadGroupCommitter<SQLiteIngestWriter.Request, IngestResult>
    /// Records delivery results, many per transaction.
    let outcomes: GroupCommitter<RecordedOutcome, Void>
    /// Integrations by name, for authenticating ingest requests without a read.
    let integrationCache: IntegrationCache
    /// Every binding, for matching at ingestion without a read.
    let bindingCache: BindingCache
    /// The folder that holds the database file, whose disk `probe` checks for free space.
    let folder: String
    /// Checkpoints the WAL off the commit path.
    let checkpointer: SQLiteCheckpointer

    /// Opens (creating if needed) the database at `path` and migrates it.
    public init(path: String, configuration: StoreConfiguration = StoreConfiguration()) throws {
        var options = Configuration()
        options.foreignKeysEnabled = true
        options.busyMode = .timeout(10)
        let pool = try DatabasePool(path: path, configuration: options)
        // GRDB sets NORMAL with WAL; FULL makes every commit durable before `ingest` returns. Checkpoints run on a
        // connection of their own (`SQLiteCheckpointer`), not inside the writer's commits. When the WAL starts
        // over, SQLite cuts its file back to `walSizeLimit`. A statement inside a group commit's transaction may keep
        // undo pages of its own (a statement journal), which SQLite spills to a new temporary file past 64 KiB: kept
        // in memory instead, a commit makes no temporary file (with a savepoint per request, it made, wrote,
        // unlinked and closed one per commit).
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimit)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        try SQLiteMigrations.migrator.migrate(pool)
        let integrationCache = IntegrationCache(lifetime: configuration.integrationCacheLifetime)
        pool.add(transactionObserver: integrationCache, extent: .databaseLifetime)
        self.integrationCache = integrationCache
        let bindingCache = BindingCache(lifetime: configuration.integrationCacheLifetime)
        pool.add(transactionObserver: bindingCache, extent: .databaseLifetime)
        self.bindingCache = bindingCache
        checkpointer = try SQLiteCheckpointer(path: path, writer: pool)
        folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let writer = SQLiteIngestWriter(policy: configuration.policy, planner: configuration.planner)
        self.pool = pool
        self.configuration = configuration
        committer = ThreadGroupCommitter(
            label: "runbook.sqlite.ingest", maxBatchSize: configuration.maxBatchSize,
            maxQueued: configuration.maxQueuedWrites
        ) { batch in
            let outcome = writer.commit(batch, to: pool)
            let results = outcome.results.map { result in
                result.mapError { error in StoreUnavailable(classifying: error).map { $0 as any Error } ?? error }
            }
            return (results, outcome.transactions)
        }
        let outcomeWriter = SQLiteOutcomeWriter()
        outcomes = GroupCommitter(maxBatchSize: configuration.maxBatchSize) { batch in
            await outcomeWriter.commit(batch, to: pool)
        }
    }

    /// Queues the request for the next group commit and returns once it is on disk.
    ///
    /// The body is compressed here, on the caller's task, so that the one writer does not spend its time on it.
    public func ingest(_ request: IngestRequest) async throws -> IngestResult {
        try await committer.submit(SQLiteIngestWriter.Request(request))
    }

    /// How many ingest requests shared how many transactions.
    public func ingestStatistics() async -> IngestStatistics {
        committer.statistics
    }

    /// Waits for queued ingests and delivery results, copies the WAL into the database file and empties it, then
    /// closes the database.
    ///
    /// The empty WAL is what SQLite would leave if the last connection closed were the writer; GRDB closes its
    /// read-only readers last, and they cannot. A checkpoint that cannot finish (another process reading) leaves
    /// the WAL as it is: nothing is lost, it is replayed at the next open.
    public func close() async throws {
        await committer.flush()
        await outcomes.flush()
        try await checkpointer.stop()
        _ = try? await pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try pool.close()
    }

    /// The size in bytes the WAL file is cut back to when the WAL starts over (`PRAGMA journal_size_limit`).
    static let walSizeLimit = 32 * 1024 * 1024

    /// Upserts the one heartbeat row, then reads it back through a reader connection.
    ///
    /// Another process (or an earlier probe) may have written a later time meanwhile; only an older one fails.
    ///
    /// A disk with less than `StoreConfiguration.minimumFreeDisk` free fails the probe as full, before it writes: the
    /// WAL starts over in the space it already holds, so on a full disk a small write such as the probe's may still
    /// succeed while any ingest that needs more room is refused with `storage_full`.
    public func probe(at time: Date) async throws {
        if let free = Self.freeBytes(in: folder), free < configuration.minimumFreeDisk {
            throw StoreUnavailable(.full)
        }
        let stamp = time.timeIntervalSince1970
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO heartbeat (id, checked_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET checked_at = ?",
                arguments: [stamp, stamp])
        }
        let read = try await pool.read { db in try Double.fetchOne(db, sql: "SELECT checked_at FROM heartbeat") }
        guard let read, read >= stamp else { throw StoreProbeFailure(written: stamp, read: read) }
    }

    /// The bytes an unprivileged process may still write on the file system that holds `folder`; nil when it cannot be
    /// read.
    static func freeBytes(in folder: String) -> Int64? {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL) and `journal_mode`, for checks and tests.
    public func durability() async throws -> (synchronous: Int, journalMode: String) {
        try await pool.write { db in
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            let journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            return (synchronous, journalMode)
        }
    }

    /// The writer connection's `PRAGMA wal_autocheckpoint` (0: its commits never checkpoint), for tests.
    func writerAutocheckpoint() async throws -> Int {
        try await pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1 }
    }

    /// The writer connection's `PRAGMA temp_store` (2: statement journals stay in memory), for tests.
    func writerTempStore() async throws -> Int {
        try await pool.write { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? -1 }
    }
}
