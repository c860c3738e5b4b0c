import Foundation
import Logging
import NIOConcurrencyHelpers
import RunbookStore
import ServiceLifecycle

/// Carries reloads between the nodes sharing one store: when this node's library loads a new revision, or its
/// configuration is reloaded (SIGHUP, `POST /-/reload`), it tells the others (`ClusterMessaging`), and when another
/// node tells it, it reloads its own.
///
/// A reload made because another node asked is not announced again, so two nodes never bounce a reload between
/// them: a configuration reload made for the cluster is marked while it runs, and a library is announced only when
/// its revision changed, which a reload of unchanged files does not do. Messages sent while a node is not listening
/// are lost, so a node that listens again after losing its connection reloads both at once, in case it missed one.
///
/// ```swift
/// let cluster = ClusterReloadService(messaging: store, library: holder, reloadLibrary: { try watcher.reload() },
///                                    reloader: reloader, logger: logger)
/// ```
public struct ClusterReloadService: Service {
    /// Set while this node reloads because another node asked.
    @TaskLocal static var reloadingForCluster = false

    let messaging: any ClusterMessaging
    let library: LibraryHolder
    let reloadLibrary: (@Sendable () throws -> LibrarySnapshot)?
    let reloader: ConfigurationReloader?
    /// This node's name in its messages; unique per service, so that two servers in one process tell each other.
    let node: String
    let retryDelay: Duration
    let onListening: @Sendable () async -> Void
    let logger: Logger

    /// A service announcing and applying reloads through `messaging`; `onListening` is called each time it starts
    /// receiving messages (tests wait for it).
    public init(
        messaging: any ClusterMessaging, library: LibraryHolder,
        reloadLibrary: (@Sendable () throws -> LibrarySnapshot)?, reloader: ConfigurationReloader?,
        retryDelay: Duration = .seconds(5), logger: Logger, onListening: @escaping @Sendable () async -> Void = {}
    ) {
        self.messaging = messaging
        self.library = library
        self.reloadLibrary = reloadLibrary
        self.reloader = reloader
        node = ClusterNode.local + "/" + UUID().uuidString.prefix(8).lowercased()
        self.retryDelay = retryDelay
        self.onListening = onListening
        self.logger = logger
    }

    public func run() async throws {
        let (configurationReloads, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .unbounded)
        reloader?.onReload { _ in
            if !Self.reloadingForCluster { continuation.yield() }
        }
        // Each loop ends when cancelled: the streams end, and so does the listening connection.
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await listen() }
                group.addTask { await announceLibraryRevisions() }
                group.addTask {
                    for await _ in configurationReloads {
                        await announce(ClusterMessage(event: .configurationReloaded, node: node))
                    }
                }
            }
        }
    }

    /// Receives messages until cancelled, listening again `retryDelay` after a lost connection.
    private func listen() async {
        let listenedBefore = NIOLockedValueBox(false)
        while !Task.isCancelled {
            do {
                try await messaging.listenForMessages {
                    logger.info("cluster.listening", metadata: ["cluster.node": .string(node)])
                    if listenedBefore.withLockedValue({ before in defer { before = true }; return before }) {
                        catchUp()
                    }
                    await onListening()
                } receive: { message in
                    receive(message)
                }
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning("cluster.listen_failed", metadata: [
                    "error": .string(String(describing: error)),
                    "action": "listening again soon; reloads on other nodes reach this one once it does",
                ])
            }
            try? await Task.sleep(for: retryDelay)
        }
    }

    /// Applies another node's reload here.
    func receive(_ message: ClusterMessage) {
        guard message.node != node else { return }
        logger.info("cluster.reload_received", metadata: [
            "cluster.event": .string(message.event.rawValue), "cluster.from": .string(message.node),
        ])
        switch message.event {
        case .libraryReloaded:
            // A failed load is logged by the watcher, and the previous library stays.
            _ = try? reloadLibrary?()
        case .configurationReloaded:
            guard let reloader else { return }
            // A refused file is logged by the reloader, and the previous configuration stays.
            _ = try? Self.$reloadingForCluster.withValue(true) { try reloader.reload() }
        }
    }

    /// After a lost connection: reloads both, as a missed message would have asked.
    private func catchUp() {
        logger.notice("cluster.catching_up", metadata: ["detail": "reloading library and configuration"])
        _ = try? reloadLibrary?()
        if let reloader {
            _ = try? Self.$reloadingForCluster.withValue(true) { try reloader.reload() }
        }
    }

    /// Announces each new library revision this node publishes.
    private func announceLibraryRevisions() async {
        var revision = library.current?.revision
        for await snapshot in library.updates() where snapshot.revision != revision {
            revision = snapshot.revision
            await announce(ClusterMessage(event: .libraryReloaded, node: node, revision: snapshot.revision))
        }
    }

    private func announce(_ message: ClusterMessage) async {
        do {
            try await messaging.announce(message)
            logger.info("cluster.reload_announced", metadata: ["cluster.event": .string(message.event.rawValue)])
        } catch {
            logger.error("cluster.announce_failed", metadata: [
                "cluster.event": .string(message.event.rawValue), "error": .string(String(describing: error)),
                "action": "reload the other nodes by hand (POST /-/reload, POST /api/v1/runbooks/reload on each)",
            ])
        }
    }
}
