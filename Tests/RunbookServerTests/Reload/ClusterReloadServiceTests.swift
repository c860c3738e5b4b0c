import Foundation
import Logging
import NIOConcurrencyHelpers
import RunbookNotify
import Testing

@testable import RunbookServer
@testable import RunbookStore

/// Two nodes on one PostgreSQL: a reload on one reaches the other through `NOTIFY`, and is not bounced back.
@Suite(.enabled(
    if: ProcessInfo.processInfo.environment["RUNBOOK_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
    "RUNBOOK_TEST_POSTGRES is not set: run scripts/test, or eval \"$(scripts/postgres/start)\""))
struct ClusterReloadServiceTests {
    static let logger = Logger(label: "cluster-test") { _ in SwiftLogNoOpLogHandler() }

    /// One node: its store, library and configuration reloader, and the count of configuration loads.
    struct Node {
        let store: PostgresStore
        let holder = LibraryHolder()
        let watcher: LibraryWatcher<FolderRunbookSource>
        let reloader: ConfigurationReloader
        let loads = NIOLockedValueBox(0)
        let loaded: AsyncStream<Int>

        init(location: PostgresLocation, folder: String) async throws {
            store = try await PostgresStore.open(
                location, readDeadline: .seconds(60), writeDeadline: .seconds(60),
                logger: ClusterReloadServiceTests.logger)
            watcher = LibraryWatcher(
                source: FolderRunbookSource(folders: RunbookFolders(paths: [folder])), holder: holder,
                interval: .zero, logger: ClusterReloadServiceTests.logger,
                metrics: RunbookMetrics(factory: MetricsExporter().factory))
            try watcher.reload()
            let (loaded, continuation) = AsyncStream<Int>.makeStream()
            self.loaded = loaded
            let configuration = ServerConfiguration()
            reloader = ConfigurationReloader(
                configuration: configuration, planner: ReloadablePlanner(nil),
                dispatch: DispatchSettings(configuration.notifications, client: .shared),
                limits: RequestLimits(configuration), logger: ClusterReloadServiceTests.logger,
                factory: MetricsExporter().factory
            ) { [loads] in
                continuation.yield(loads.withLockedValue { count in
                    count += 1
                    return count
                })
                return configuration
            }
        }

        func service(listening: @escaping @Sendable () async -> Void) -> ClusterReloadService {
            ClusterReloadService(
                messaging: store, library: holder, reloadLibrary: { [watcher] in try watcher.reload() },
                reloader: reloader, retryDelay: .milliseconds(20), logger: ClusterReloadServiceTests.logger,
                onListening: listening)
        }
    }

    /// A location in a new schema of the test database.
    static func location() throws -> PostgresLocation {
        let url = try #require(ProcessInfo.processInfo.environment["RUNBOOK_TEST_POSTGRES"])
        var location = try PostgresLocation(url: url)
        location.schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return location
    }

    @Test
    func aNodeWhoseListeningConnectionDiesListensAgainAndCatchesUp() async throws {
        let location = try Self.location()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let node = try await Node(location: location, folder: folder.path)
        let (listening, listener) = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let service = node.service { listener.yield() }
            group.addTask { try await service.run() }
            var ready = listening.makeAsyncIterator()
            _ = await ready.next()
            #expect(node.loads.withLockedValue { $0 } == 0)

            // The database ends the session holding LISTEN, as a restart or a failover would.
            let rows = try await node.store.client.query(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database()
                    AND query LIKE 'LISTEN%' AND query LIKE '%' || current_schema() || '%'
                """, logger: Self.logger)
            for try await terminated in rows.decode(Int64.self) {
                #expect(terminated == 1)
            }
            _ = await ready.next()
            // Messages sent meanwhile are lost: listening again, it reloaded its configuration in case.
            var loads = node.loaded.makeAsyncIterator()
            #expect(await loads.next() == 1)
            group.cancelAll()
        }
        try await node.store.close()
    }

    @Test
    func aReloadOnOneNodeReachesTheOtherAndIsNotBouncedBack() async throws {
        let location = try Self.location()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# Disk full\n\nFree space.\n".write(
            to: folder.appendingPathComponent("ops.md"), atomically: true, encoding: .utf8)

        let first = try await Node(location: location, folder: folder.path)
        let second = try await Node(location: location, folder: folder.path)
        let (listening, listener) = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for node in [first, second] {
                let service = node.service { listener.yield() }
                group.addTask { try await service.run() }
            }
            var ready = listening.makeAsyncIterator()
            _ = await ready.next()
            _ = await ready.next()

            // A configuration reload on the first node (SIGHUP, POST /-/reload) reloads the second.
            try first.reloader.reload()
            var secondLoads = second.loaded.makeAsyncIterator()
            #expect(await secondLoads.next() == 1)

            // A new library revision on the first node: the second reloads its folder, here the same one.
            let updates = second.holder.updates()
            try "# Disk full\n\nFree space, then grow the volume.\n".write(
                to: folder.appendingPathComponent("ops.md"), atomically: true, encoding: .utf8)
            let revision = try first.watcher.reload().revision
            #expect(revision != second.holder.current?.revision)
            for await snapshot in updates where snapshot.revision == revision {
                break
            }
            #expect(second.holder.current?.revision == revision)

            // The second node's own reload reaches the first, which has loaded only its own so far: neither the
            // second's reload for the cluster nor the first's own message came back to it.
            try second.reloader.reload()
            var firstLoads = first.loaded.makeAsyncIterator()
            #expect(await firstLoads.next() == 1)
            #expect(await firstLoads.next() == 2)
            #expect(second.loads.withLockedValue { $0 } == 2)
            group.cancelAll()
        }
        try await first.store.close()
        try await second.store.close()
    }
}
