import Foundation

/// Short messages between the nodes sharing a store, for what each node keeps in memory: a node that reloaded its
/// library or configuration tells the others, which reload theirs.
///
/// Messages are not kept: a node that is not listening when one is sent never sees it. A listener that loses its
/// connection throws; the caller listens again and should assume it missed something. SQLite has one node and no
/// messaging; PostgreSQL sends them with `NOTIFY` on a channel named after the store's schema.
///
/// ```swift
/// try await store.announce(ClusterMessage(event: .libraryReloaded, node: node))
/// ```
public protocol ClusterMessaging: Sendable {
    /// Sends `message` to every node listening now, this one included.
    func announce(_ message: ClusterMessage) async throws

    /// Calls `onListening` once messages are being received, then `receive` with each, until cancelled or the
    /// connection fails (thrown).
    func listenForMessages(
        onListening: @Sendable () async -> Void, receive: @Sendable (ClusterMessage) async -> Void
    ) async throws
}

/// What one node tells the others.
public struct ClusterMessage: Codable, Sendable, Equatable {
    /// What happened on the sending node.
    public enum Event: String, Codable, Sendable {
        /// Its runbook library loaded a new revision.
        case libraryReloaded = "library.reloaded"
        /// Its configuration was reloaded (SIGHUP or `POST /-/reload`).
        case configurationReloaded = "config.reloaded"
    }

    public var event: Event
    /// The sender, so that it can ignore its own message.
    public var node: String
    /// The library revision, for `libraryReloaded`.
    public var revision: String?

    public init(event: Event, node: String, revision: String? = nil) {
        self.event = event
        self.node = node
        self.revision = revision
    }
}
