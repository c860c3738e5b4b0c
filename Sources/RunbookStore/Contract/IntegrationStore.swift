import Foundation
import RunbookCore

/// Ingestion endpoints and their secrets, stored as SHA-256 hashes.
public protocol IntegrationStore: Sendable {
    /// Creates an integration and its secret, shown this once; a taken name is `StoreError.duplicate`.
    func addIntegration(name: String, source: AlertSource, at: Date) async throws -> Issued<Integration>

    /// Every integration, by name.
    func integrations() async throws -> [Integration]

    /// Replaces an integration's secret; the old one stops working at once.
    func rotateIntegration(name: String, at: Date) async throws -> Issued<Integration>

    /// Deletes an integration; its secret stops working.
    func removeIntegration(name: String) async throws

    /// The integration when `secret` is its current secret, else nil (compared in constant time).
    func authenticateIntegration(name: String, secret: String) async throws -> Integration?
}
