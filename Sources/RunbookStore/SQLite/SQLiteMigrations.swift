import GRDB

/// The schema, as versioned migrations run in order at start.
///
/// A migration that has landed on main is never edited: change the schema by registering a new one.
/// Times are REAL seconds since 1970 (exact round trips); JSON columns hold labels, annotations and matches
/// (an alert's matches in `matchSets` since v7).
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-incidents-alerts-timeline", migrate: createIncidents)
        migrator.registerMigration("v1-integrations-tokens", migrate: createCredentials)
        migrator.registerMigration("v2-heartbeat") { db in
            try db.create(table: "heartbeat") { table in
                table.primaryKey("id", .integer)
                table.column("checked_at", .double).notNull()
            }
        }
        migrator.registerMigration("v3-integration-signing-secret") { db in
            try db.alter(table: "integrations") { table in
                table.add(column: "signingSecret", .text)
            }
        }
        migrator.registerMigration("v3-integration-sns-topics") { db in
            try db.alter(table: "integrations") { table in
                table.add(column: "snsTopics", .text)
            }
        }
        migrator.registerMigration("v3-outbox-silences", migrate: createOutbox)
        migrator.registerMigration("v4-bindings") { db in
            // One binding per alert key; a NULL entryID records that an operator said no entry fits.
            try db.execute(sql: """
                CREATE TABLE bindings (
                    key TEXT PRIMARY KEY,
                    entryID TEXT,
                    note TEXT,
                    createdBy TEXT NOT NULL,
                    createdAt REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v5-console-users") { db in
            // Local users of the web console; the password is kept only as a bcrypt hash.
            try db.execute(sql: """
                CREATE TABLE consoleUsers (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    passwordHash TEXT NOT NULL,
                    createdAt REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v7-match-sets", migrate: createMatchSets)
        migrator.registerMigration("v8-console-sessions") { db in
            // Sessions by the hash of their id, so that a restart signs nobody out; the acknowledge-link key.
            try db.execute(sql: """
                CREATE TABLE consoleSessions (
                    idHash TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    expiresAt REAL NOT NULL
                );
                CREATE INDEX consoleSessions_expiresAt ON consoleSessions (expiresAt);
                CREATE TABLE sharedSecrets (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL,
                    createdAt REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v9-payload-encoding") { db in
            // A body may be stored compressed (`PayloadEncoding`); NULL: as received, as every older row.
            try db.execute(sql: """
                ALTER TABLE payloads ADD COLUMN encoding TEXT;
                ALTER TABLE payloads ADD COLUMN size INTEGER;
                """)
        }
        return migrator
    }

    /// Match lists stored once per distinct list (`MatchSet`) instead of once per alert.
    ///
    /// An alert with a set has `matchSetID`, an empty list in `matches` and a NULL `libraryRevision` (the set's
    /// holds both); rows from before this migration keep their own columns and are read as they are, and so are
    /// alerts without a match and retracted ones (whose evidence is removed from their own copy).
    private static func createMatchSets(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE matchSets (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                digest TEXT NOT NULL UNIQUE,
                libraryRevision TEXT,
                matches TEXT NOT NULL
            );
            ALTER TABLE alerts ADD COLUMN matchSetID INTEGER REFERENCES matchSets (id);
            CREATE INDEX alerts_matchSet ON alerts (matchSetID) WHERE matchSetID IS NOT NULL;
            """)
    }

    private static func createIncidents(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE incidents (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                state TEXT NOT NULL,
                key TEXT NOT NULL,
                title TEXT NOT NULL,
                source TEXT NOT NULL,
                severity TEXT,
                groupKey TEXT NOT NULL,
                entryID TEXT,
                score REAL,
                openedAt REAL NOT NULL,
                openedBy TEXT NOT NULL,
                acknowledgedAt REAL,
                acknowledgedBy TEXT,
                resolvedAt REAL,
                resolvedBy TEXT,
                lastSeen REAL NOT NULL,
                alertCount INTEGER NOT NULL,
                firingCount INTEGER NOT NULL
            );
            CREATE INDEX incidents_listing ON incidents ((state = 'resolved'), openedAt DESC, id DESC);
            CREATE INDEX incidents_group ON incidents (source, groupKey, state);
            CREATE INDEX incidents_resolved ON incidents (resolvedAt) WHERE state = 'resolved';

            CREATE TABLE payloads (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                receivedAt REAL NOT NULL,
                source TEXT NOT NULL,
                integration TEXT,
                contentType TEXT,
                body BLOB NOT NULL
            );
            CREATE INDEX payloads_received ON payloads (receivedAt);

            CREATE TABLE alerts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incidentID INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                dedupKey TEXT NOT NULL,
                groupKey TEXT NOT NULL,
                key TEXT NOT NULL,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                labels TEXT NOT NULL,
                annotations TEXT NOT NULL,
                severity TEXT,
                url TEXT,
                startsAt REAL,
                endsAt REAL,
                fireCount INTEGER NOT NULL,
                firstSeen REAL NOT NULL,
                lastSeen REAL NOT NULL,
                resolvedAt REAL,
                entryID TEXT,
                score REAL,
                matches TEXT NOT NULL,
                libraryRevision TEXT,
                retractedAt REAL,
                retractedBy TEXT,
                UNIQUE (incidentID, source, dedupKey)
            );
            CREATE INDEX alerts_dedup ON alerts (source, dedupKey, id);
            CREATE INDEX alerts_key ON alerts (key);

            CREATE TABLE alertPayloads (
                alertID INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
                payloadID INTEGER NOT NULL REFERENCES payloads (id) ON DELETE CASCADE,
                PRIMARY KEY (alertID, payloadID)
            ) WITHOUT ROWID;
            CREATE INDEX alertPayloads_payload ON alertPayloads (payloadID);

            CREATE TABLE timeline (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incidentID INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                at REAL NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT,
                detail TEXT,
                alertKey TEXT,
                count INTEGER NOT NULL
            );
            CREATE INDEX timeline_incident ON timeline (incidentID, alertKey, kind);
            """)
    }

    private static func createCredentials(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE integrations (
                name TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                secretHash TEXT NOT NULL,
                createdAt REAL NOT NULL,
                rotatedAt REAL
            );
            CREATE TABLE apiTokens (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                secretHash TEXT NOT NULL UNIQUE,
                createdAt REAL NOT NULL
            );
            """)
    }

    /// Deliveries go with their incident (and attempts with their delivery), so pruning an incident leaves
    /// no orphan rows; a digest belongs to the first incident it lists.
    private static func createOutbox(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incidentID INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                route TEXT NOT NULL,
                channel TEXT NOT NULL,
                kind TEXT NOT NULL,
                state TEXT NOT NULL,
                idempotencyKey TEXT NOT NULL UNIQUE,
                attempts INTEGER NOT NULL DEFAULT 0,
                createdAt REAL NOT NULL,
                dueAt REAL NOT NULL,
                retryingSince REAL NOT NULL,
                leaseUntil REAL,
                lastError TEXT,
                sentAt REAL,
                reference TEXT,
                digestAt REAL
            );
            CREATE INDEX deliveries_due ON deliveries (state, dueAt);
            CREATE INDEX deliveries_incident ON deliveries (incidentID, channel, state);
            CREATE INDEX deliveries_route ON deliveries (route, kind, createdAt);
            CREATE UNIQUE INDEX deliveries_digest ON deliveries (route, channel, digestAt) WHERE kind = 'digest';
            CREATE INDEX deliveries_members ON deliveries (route, channel, digestAt) WHERE kind != 'digest';

            CREATE TABLE deliveryAttempts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                deliveryID INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
                at REAL NOT NULL,
                status INTEGER,
                error TEXT,
                duration REAL NOT NULL
            );
            CREATE INDEX deliveryAttempts_delivery ON deliveryAttempts (deliveryID);

            CREATE TABLE silences (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                matchers TEXT NOT NULL,
                startsAt REAL NOT NULL,
                endsAt REAL NOT NULL,
                createdBy TEXT NOT NULL,
                comment TEXT NOT NULL,
                expiredBy TEXT
            );
            CREATE INDEX silences_window ON silences (endsAt, startsAt);
            """)
    }
}
