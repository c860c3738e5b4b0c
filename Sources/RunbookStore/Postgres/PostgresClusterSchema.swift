import Logging
import PostgresNIO

/// The tables of cluster coordination, created on first use rather than by `PostgresMigrations` (issue 11, third
/// part; the lead moves them into a migration when the branches meet).
///
/// Creation runs under the migrations' advisory lock, as a migration would: `CREATE TABLE IF NOT EXISTS` run by two
/// sessions at once can fail in one of them.
enum PostgresClusterSchema {
    /// Which node last ran each periodic job, and when (seconds since 1970, as every time in the schema).
    static let jobs = """
        CREATE TABLE IF NOT EXISTS clusterJobs (
            job text PRIMARY KEY,
            node text NOT NULL,
            lastRun double precision NOT NULL
        )
        """

    /// Runs `body`; when it fails because the table is missing (SQLSTATE 42P01), creates it and runs `body` again.
    static func withTable<Result: Sendable>(
        _ client: PostgresClient, logger: Logger, _ body: () async throws -> Result
    ) async throws -> Result {
        do {
            return try await body()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P01" {
            try await create(client, logger: logger)
            return try await body()
        }
    }

    private static func create(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(PostgresMigrations.lockKey))", logger: logger)
            do {
                try await connection.query(PostgresQuery(unsafeSQL: jobs), logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(PostgresMigrations.lockKey))", logger: logger)
            } catch {
                _ = try? await connection.query(
                    "SELECT pg_advisory_unlock(\(PostgresMigrations.lockKey))", logger: logger)
                throw error
            }
        }
        logger.debug("store.cluster_table_ensured", metadata: ["store.table": "clusterJobs"])
    }
}
