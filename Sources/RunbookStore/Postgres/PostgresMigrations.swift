import Logging
import PostgresNIO

/// The PostgreSQL schema, as versioned migrations with the same meaning as `SQLiteMigrations`, run in order at start.
///
/// Several nodes may start at once: the migrations run under a session-level advisory lock, so one node migrates
/// while the others wait and then find nothing left to do. The lock is the schema's: installations in other schemas
/// of the same database migrate without waiting for each other. Each migration commits with its row in
/// `runbook_migrations`, so a node killed midway leaves whole migrations only. A migration that has landed on main is
/// never edited: change the schema by adding one.
///
/// Times are `double precision` seconds since 1970, as in SQLite, so that values round-trip exactly and move between
/// the engines unchanged; JSON columns hold the same text. Column names are SQLite's, unquoted (PostgreSQL folds
/// them to lower case). Beyond SQLite's schema, a partial unique index allows one open incident per source and
/// group key: two nodes opening an incident for one group at once cannot both succeed.
enum PostgresMigrations {
    /// The advisory lock key the migrations hold, before the schema's name is mixed in: "RUNBOOK" in ASCII.
    static let lockKey: Int64 = 0x52_55_4E_42_4F_4F_4B

    /// Takes (`pg_advisory_lock`) or releases (`pg_advisory_unlock`) the migrations' lock of `schema`, or of the
    /// session's current schema when nil: `lockKey` XOR the schema name's `hashtext`.
    static func advisory(
        _ function: String, schema: String?, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        var binds = PostgresBindings()
        binds.append(schema ?? "")
        let key = "\(lockKey) # hashtext(coalesce(nullif($1, ''), current_schema(), ''))::bigint"
        try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(function)(\(key))", binds: binds), logger: logger)
    }

    /// Names and statements, in order.
    static let all: [(name: String, sql: String)] = [
        ("v1-incidents-alerts-timeline", incidents),
        ("v1-integrations-tokens", credentials),
        ("v2-heartbeat", "CREATE TABLE heartbeat (id bigint PRIMARY KEY, checked_at double precision NOT NULL)"),
        ("v3-integration-signing-secret", "ALTER TABLE integrations ADD COLUMN signingSecret text"),
        ("v3-integration-sns-topics", "ALTER TABLE integrations ADD COLUMN snsTopics text"),
        ("v3-outbox-silences", outbox),
        ("v4-bindings", """
            CREATE TABLE bindings (
                key text PRIMARY KEY,
                entryID text,
                note text,
                createdBy text NOT NULL,
                createdAt double precision NOT NULL
            )
            """),
        ("v5-console-users", """
            CREATE TABLE consoleUsers (
                name text PRIMARY KEY,
                role text NOT NULL,
                passwordHash text NOT NULL,
                createdAt double precision NOT NULL
            )
            """),
        // Which node last ran each periodic job, and when (`JobCoordination`).
        ("v6-cluster-jobs", """
            CREATE TABLE clusterJobs (
                job text PRIMARY KEY,
                node text NOT NULL,
                lastRun double precision NOT NULL
            )
            """),
        // Console sessions by the hash of their id, and the secrets every node shares (`ConsoleSessionStore`,
        // `SharedSecretStore`): several nodes behind a load balancer need no sticky sessions.
        ("v8-console-sessions", """
            CREATE TABLE consoleSessions (
                idHash text PRIMARY KEY,
                name text NOT NULL,
                role text NOT NULL,
                expiresAt double precision NOT NULL
            );
            CREATE INDEX consoleSessions_expiresAt ON consoleSessions (expiresAt);
            CREATE TABLE sharedSecrets (
                name text PRIMARY KEY,
                value text NOT NULL,
                createdAt double precision NOT NULL
            )
            """),
    ]

    /// Applies every migration not applied yet, holding the advisory lock; returns the names it applied.
    ///
    /// `schema`, a plain name (`PostgresLocation.isPlainName`) or nil, is created first when missing, under the
    /// lock too: `CREATE SCHEMA IF NOT EXISTS` run by two sessions at once can fail in one of them.
    @discardableResult
    static func migrate(_ client: PostgresPool, schema: String? = nil, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            try await advisory("pg_advisory_lock", schema: schema, connection, logger: logger)
            do {
                if let schema {
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
                }
                let applied = try await migrate(connection, logger: logger)
                try await advisory("pg_advisory_unlock", schema: schema, connection, logger: logger)
                return applied
            } catch {
                // The lock is the session's: release it, or a pooled connection would keep other nodes waiting.
                try? await advisory("pg_advisory_unlock", schema: schema, connection, logger: logger)
                throw error
            }
        }
    }

    /// The names of the migrations applied so far, in the order they were applied.
    static func applied(_ client: PostgresPool, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            try await appliedNames(connection, logger: logger)
        }
    }

    private static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS runbook_migrations (
                position integer PRIMARY KEY, name text NOT NULL UNIQUE, appliedAt double precision NOT NULL
            )
            """, logger: logger)
        let done = Set(try await appliedNames(connection, logger: logger))
        var applied: [String] = []
        for (position, migration) in all.enumerated() where !done.contains(migration.name) {
            try await connection.withTransaction(logger: logger) { connection in
                for statement in statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    """
                    INSERT INTO runbook_migrations (position, name, appliedAt)
                    VALUES (\(position), \(migration.name), extract(epoch FROM clock_timestamp()))
                    """, logger: logger)
            }
            logger.info("store.migration.applied", metadata: ["store.migration": "\(migration.name)"])
            applied.append(migration.name)
        }
        return applied
    }

    private static func appliedNames(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            "SELECT name FROM runbook_migrations ORDER BY position", logger: logger)
        var names: [String] = []
        for try await name in rows.decode(String.self) {
            names.append(name)
        }
        return names
    }

    /// A migration's statements: PostgreSQL's extended protocol takes one statement per query.
    private static func statements(_ sql: String) -> [String] {
        sql.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static let incidents = """
        CREATE TABLE incidents (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            state text NOT NULL,
            key text NOT NULL,
            title text NOT NULL,
            source text NOT NULL,
            severity text,
            groupKey text NOT NULL,
            entryID text,
            score double precision,
            openedAt double precision NOT NULL,
            openedBy text NOT NULL,
            acknowledgedAt double precision,
            acknowledgedBy text,
            resolvedAt double precision,
            resolvedBy text,
            lastSeen double precision NOT NULL,
            alertCount integer NOT NULL,
            firingCount integer NOT NULL
        );
        CREATE INDEX incidents_listing ON incidents ((state = 'resolved'), openedAt DESC, id DESC);
        CREATE INDEX incidents_group ON incidents (source, groupKey, state);
        CREATE UNIQUE INDEX incidents_one_open ON incidents (source, groupKey) WHERE state <> 'resolved';
        CREATE INDEX incidents_resolved ON incidents (resolvedAt) WHERE state = 'resolved';

        CREATE TABLE payloads (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            receivedAt double precision NOT NULL,
            source text NOT NULL,
            integration text,
            contentType text,
            body bytea NOT NULL
        );
        CREATE INDEX payloads_received ON payloads (receivedAt);

        CREATE TABLE alerts (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            incidentID bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            source text NOT NULL,
            status text NOT NULL,
            dedupKey text NOT NULL,
            groupKey text NOT NULL,
            key text NOT NULL,
            title text NOT NULL,
            text text NOT NULL,
            labels text NOT NULL,
            annotations text NOT NULL,
            severity text,
            url text,
            startsAt double precision,
            endsAt double precision,
            fireCount integer NOT NULL,
            firstSeen double precision NOT NULL,
            lastSeen double precision NOT NULL,
            resolvedAt double precision,
            entryID text,
            score double precision,
            matches text NOT NULL,
            libraryRevision text,
            retractedAt double precision,
            retractedBy text,
            UNIQUE (incidentID, source, dedupKey)
        );
        CREATE INDEX alerts_dedup ON alerts (source, dedupKey, id);
        CREATE INDEX alerts_key ON alerts (key);

        CREATE TABLE alertPayloads (
            alertID bigint NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
            payloadID bigint NOT NULL REFERENCES payloads (id) ON DELETE CASCADE,
            PRIMARY KEY (alertID, payloadID)
        );
        CREATE INDEX alertPayloads_payload ON alertPayloads (payloadID);

        CREATE TABLE timeline (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            incidentID bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            at double precision NOT NULL,
            kind text NOT NULL,
            actor text,
            detail text,
            alertKey text,
            count integer NOT NULL
        );
        CREATE INDEX timeline_incident ON timeline (incidentID, alertKey, kind)
        """

    private static let credentials = """
        CREATE TABLE integrations (
            name text PRIMARY KEY,
            source text NOT NULL,
            secretHash text NOT NULL,
            createdAt double precision NOT NULL,
            rotatedAt double precision
        );
        CREATE TABLE apiTokens (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            role text NOT NULL,
            secretHash text NOT NULL UNIQUE,
            createdAt double precision NOT NULL
        )
        """

    /// As in SQLite, deliveries go with their incident and attempts with their delivery.
    private static let outbox = """
        CREATE TABLE deliveries (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            incidentID bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            route text NOT NULL,
            channel text NOT NULL,
            kind text NOT NULL,
            state text NOT NULL,
            idempotencyKey text NOT NULL UNIQUE,
            attempts integer NOT NULL DEFAULT 0,
            createdAt double precision NOT NULL,
            dueAt double precision NOT NULL,
            retryingSince double precision NOT NULL,
            leaseUntil double precision,
            lastError text,
            sentAt double precision,
            reference text,
            digestAt double precision
        );
        CREATE INDEX deliveries_due ON deliveries (state, dueAt);
        CREATE INDEX deliveries_incident ON deliveries (incidentID, channel, state);
        CREATE INDEX deliveries_route ON deliveries (route, kind, createdAt);
        CREATE UNIQUE INDEX deliveries_digest ON deliveries (route, channel, digestAt) WHERE kind = 'digest';
        CREATE INDEX deliveries_members ON deliveries (route, channel, digestAt) WHERE kind <> 'digest';

        CREATE TABLE deliveryAttempts (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            deliveryID bigint NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
            at double precision NOT NULL,
            status integer,
            error text,
            duration double precision NOT NULL
        );
        CREATE INDEX deliveryAttempts_delivery ON deliveryAttempts (deliveryID);

        CREATE TABLE silences (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            matchers text NOT NULL,
            startsAt double precision NOT NULL,
            endsAt double precision NOT NULL,
            createdBy text NOT NULL,
            comment text NOT NULL,
            expiredBy text
        );
        CREATE INDEX silences_window ON silences (endsAt, startsAt)
        """
}
