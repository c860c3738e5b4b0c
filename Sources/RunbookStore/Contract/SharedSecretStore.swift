import Foundation

/// Secrets every node must hold the same, kept in the database: the acknowledge-link key, which signs links that
/// any node behind a load balancer may be asked to check.
///
/// ```swift
/// let key = try await store.sharedSecret(named: "acknowledge-links", proposing: fileKey ?? randomKey)
/// ```
public protocol SharedSecretStore: Sendable {
    /// The secret stored under `name`; when there is none yet, `proposed` is stored and returned. Nodes proposing
    /// different values at once all get the one that was stored first.
    func sharedSecret(named name: String, proposing proposed: Data) async throws -> Data
}
