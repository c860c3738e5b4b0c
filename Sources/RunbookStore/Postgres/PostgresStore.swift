import CoreMetrics
import Foundation
import Logging
import PostgresNIO
import RunbookCore

/// The store for several nodes: one PostgreSQL database shared by every `runbook serve`, through a connection pool.
///
/// Opening it connects and runs the migrations under an advisory lock (`PostgresMigrations`). Concurrent `ingest`
/// calls are group-committed as on SQLite: they share a transaction, each request in its own savepoint, and return
/// after the commit. Nodes ingesting alerts of one group at once are serialised by transaction-level advisory locks on
/// the group and the dedup key, taken in key order, and a partial unique index allows one open incident per group.
///
/// Deliveries are written in the transaction of the incident change that causes them, as on SQLite, and dispatchers
/// on every node claim them with `FOR UPDATE SKIP LOCKED` under a lease (`claimDeliveries`).
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://runbook@db:5432/runbook")
/// let store = try await PostgresStore.open(location, logger: logger)
/// let result = try await store.ingest(request)
/// try await store.close()
/// ```
public struct PostgresStore: Store, Sendable {
    let client: PostgresPool
    /// Where the database is, for messages.
    let location: PostgresLocation
    let configuration: StoreConfiguration
    let logger: Logger
    /// How long a read on an ingest request's path (integration, token, bindings), an operator's page or the heartbeat
    /// may take before it is answered 503 (`PostgresDeadline`): it normally takes milliseconds.
    let readDeadline: Duration
    private let runner: Task<Void, Never>
    private let committer: GroupCommitter<IngestRequest, IngestResult>
    /// Records delivery results, many per transaction.
    let outcomes: GroupCommitter<RecordedOutcome, Void>

    /// Connects, creates the location's schema when it names one, and migrates; throws when the database cannot be
    /// reached or a migration fails, after closing the pool again.
    ///
    /// The pool's use and the time of its operations are recorded through `metrics` (`PostgresPoolMetrics`). A read
    /// that takes longer than `readDeadline` is answered `StoreUnavailable` (a 503), the database taken as stalled;
    /// so is every write of a group-commit batch that takes longer than `writeDeadline`.
    public static func open(
        _ location: PostgresLocation, configuration: StoreConfiguration = StoreConfiguration(),
        poolSize: Int = 20, metrics: any MetricsFactory = MetricsSystem.factory,
        readDeadline: Duration = .seconds(10), writeDeadline: Duration = .seconds(10), logger: Logger
    ) async throws -> PostgresStore {
        do {
            try await connectOnce(location, logger: logger)
        } catch {
            throw PostgresFailure(error, location: location)
        }
        let client = PostgresPool(
            client: PostgresClient(configuration: clientConfiguration(location, poolSize: poolSize)),
            metrics: PostgresPoolMetrics(maximum: max(1, poolSize), factory: metrics), batchDeadline: writeDeadline)
        let runner = Task { await client.run() }
        do {
            try await PostgresMigrations.migrate(client, schema: location.schema, logger: logger)
        } catch {
            runner.cancel()
            await runner.value
            throw (error as? StoreError) ?? PostgresFailure(error, location: location)
        }
        return PostgresStore(
            client: client, location: location, configuration: configuration, logger: logger,
            readDeadline: readDeadline, runner: runner)
    }

    private init(
        client: PostgresPool, location: PostgresLocation, configuration: StoreConfiguration, logger: Logger,
        readDeadline: Duration, runner: Task<Void, Never>
    ) {
        self.readDeadline = readDeadline
        self.client = client
        self.location = location
        self.configuration = configuration
        self.logger = logger
        self.runner = runner
        let writer = PostgresIngestWriter(policy: configuration.policy, planner: configuration.planner, logger: logger)
        committer = GroupCommitter(
            maxBatchSize: configuration.maxBatchSize, maxQueued: configuration.maxQueuedWrites
        ) { batch in
            // A lost database is the server's outage, not the request's fault: a 503 whose log line says where.
            let outcome = await writer.commit(batch, to: client)
            let results = outcome.results.map { result in
                result.mapError { error -> any Error in
                    guard PostgresFailure.isUnreachable(error) else { return error }
                    return StoreUnavailable(.unreachable(PostgresFailure(error, location: location).description))
                }
            }
            return (results, outcome.transactions)
        }
        let outcomeWriter = PostgresOutcomeWriter(logger: logger)
        outcomes = GroupCommitter(maxBatchSize: configuration.maxBatchSize) { batch in
            await outcomeWriter.commit(batch, to: client)
        }
    }

    /// Queues the request for the next group commit and returns once it is committed.
    public func ingest(_ request: IngestRequest) async throws -> IngestResult {
        try await committer.submit(request)
    }

    /// How many ingest requests shared how many transactions, on this node.
    public func ingestStatistics() async -> IngestStatistics {
        await committer.statistics
    }

    /// An incident with its alerts and timeline; an unknown id is `StoreError.notFound`. Given up after
    /// `readDeadline`, as every read of an operator's page is (`guardedRead`).
    public func incident(id: Int64) async throws -> IncidentDetail {
        try await guardedRead("incident \(id)") {
            try await self.client.withConnection(.incident) { connection in
                guard let incident = try await PostgresRecords.incident(
                    id: id, lock: false, connection, logger: self.logger)
                else {
                    throw StoreError.notFound("no incident \(id)")
                }
                return IncidentDetail(
                    incident: incident,
                    alerts: try await PostgresRecords.alerts(incidentID: id, connection, logger: self.logger),
                    timeline: try await PostgresRecords.timeline(incidentID: id, connection, logger: self.logger))
            }
        }
    }

    /// How many incidents are open, counted in one query.
    public func openIncidentCount() async throws -> Int {
        try await guardedRead("open incident count") {
            let rows = try await self.client.query(
                "SELECT count(*) FROM incidents WHERE state <> 'resolved'", operation: .list, logger: self.logger)
            for try await count in rows.decode(Int64.self) {
                return Int(count)
            }
            return 0
        }
    }

    /// `read`, given up after `readDeadline`: a database that stalls (a server stopped mid-command, a network that
    /// drops packets) then answers `StoreUnavailable(.unreachable)`, a 503, instead of holding the request.
    func guardedRead<Value: Sendable>(
        _ what: String, _ read: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await PostgresDeadline.run(readDeadline, what: what, logger: logger, read)
    }

    /// Upserts the one heartbeat row and reads it back; only an older time read back fails.
    ///
    /// A database that cannot be reached or refuses fails with a `PostgresFailure` that says which and where; one that
    /// does not answer within `readDeadline` with `StoreUnavailable`.
    public func probe(at time: Date) async throws {
        do {
            try await guardedRead("heartbeat probe") { try await self.writeAndReadHeartbeat(at: time) }
        } catch let failure as StoreProbeFailure {
            throw failure
        } catch let failure as StoreUnavailable {
            throw failure
        } catch {
            throw PostgresFailure(error, location: location)
        }
    }

    private func writeAndReadHeartbeat(at time: Date) async throws {
        let stamp = time.timeIntervalSince1970
        try await client.query(
            """
            INSERT INTO heartbeat (id, checked_at) VALUES (1, \(stamp))
            ON CONFLICT (id) DO UPDATE SET checked_at = GREATEST(heartbeat.checked_at, EXCLUDED.checked_at)
            """, operation: .heartbeat, logger: logger)
        var read: Double?
        for try await value in try await client.query(
            "SELECT checked_at FROM heartbeat", operation: .heartbeat, logger: logger
        ).decode(Double.self)
        {
            read = value
        }
        guard let read, read >= stamp else { throw StoreProbeFailure(written: stamp, read: read) }
    }

    /// Waits for queued ingests and delivery results, then closes the pool.
    public func close() async throws {
        await committer.flush()
        await outcomes.flush()
        runner.cancel()
        await runner.value
    }

    /// Opens one connection and closes it again, before the pool starts: the pool retries a refused connection for a
    /// minute and then says only that it gave up, where one try says at once what failed (refused, unknown host, bad
    /// password, no TLS).
    private static func connectOnce(_ location: PostgresLocation, logger: Logger) async throws {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: try connectionTLS(location))
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        try await connection.close()
    }

    /// TLS for a single connection (outside the pool) to `location`, as `sslmode` and `sslrootcert` ask.
    static func connectionTLS(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        let settings = tlsSettings(location)
        return switch location.tls {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: settings))
        case .require, .verifyCA, .verifyFull: .require(try NIOSSLContext(configuration: settings))
        }
    }


    /// The name this process's connections carry in `pg_stat_activity`, so that the sampler can tell its own from
    /// other nodes' (`runbook-` and the process id; PostgreSQL keeps 63 bytes).
    static let applicationName = "runbook-\(ProcessInfo.processInfo.processIdentifier)"

    private static func clientConfiguration(
        _ location: PostgresLocation, poolSize: Int
    ) -> PostgresClient.Configuration {
        let settings = tlsSettings(location)
        let tls: PostgresClient.Configuration.TLS = switch location.tls {
        case .disable: .disable
        case .prefer: .prefer(settings)
        case .require, .verifyCA, .verifyFull: .require(settings)
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = max(1, poolSize)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        if let schema = location.schema {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        return configuration
    }

    /// What `sslmode` and `sslrootcert` ask of TLS, as libpq reads them: only verify-ca and verify-full check the
    /// certificate, and require does when given a root file.
    private static func tlsSettings(_ location: PostgresLocation) -> TLSConfiguration {
        var settings = TLSConfiguration.makeClientConfiguration()
        if let path = location.rootCertificatePath {
            settings.trustRoots = .file(path)
        }
        settings.certificateVerification = switch location.tls {
        case .disable, .prefer: .none
        case .require: location.rootCertificatePath == nil ? .none : .noHostnameVerification
        case .verifyCA: .noHostnameVerification
        case .verifyFull: .fullVerification
        }
        return settings
    }
}
