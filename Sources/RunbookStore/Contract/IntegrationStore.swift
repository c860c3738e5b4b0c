import Foundation
import RunbookCore

/// Ingestion endpoints and their secrets, stored as SHA-256 hashes.
///
/// A Sentry integration may also hold a signing secret, the client secret Sentry signs its webhooks with. It is
/// stored in clear (an HMAC needs the key), is only for the `sentry` source, and is never listed or printed: only
/// `signingSecret(ofIntegration:)` reads it back, for the ingest path to verify a signature.
public protocol IntegrationStore: Sendable {
    /// Creates an integration and its secret, shown this once; a taken name is `StoreError.duplicate`.
    func addIntegration(name: String, source: AlertSource, at: Date) async throws -> Issued<Integration>

    /// Creates an integration as `addIntegration(name:source:at:)`, with `signingSecret` set when not nil.
    ///
    /// A signing secret on a source other than `sentry`, or one that is empty, longer than 512 characters or has
    /// spaces or control characters, is `StoreError.invalid` and nothing is created.
    func addIntegration(name: String, source: AlertSource, signingSecret: String?, at: Date)
        async throws -> Issued<Integration>

    /// Sets (or, with nil, removes) an integration's signing secret; the old one stops verifying at once.
    ///
    /// An unknown name is `StoreError.notFound`; a bad secret or a source other than `sentry` `StoreError.invalid`.
    /// The integration's own secret is unchanged.
    func setSigningSecret(_ signingSecret: String?, integration name: String) async throws -> Integration

    /// The signing secret of the integration named `name`; nil when there is no such integration or it has none.
    func signingSecret(ofIntegration name: String) async throws -> String?

    /// Pins a cloudwatch integration to the SNS topics `topics` (an empty list accepts any topic again).
    ///
    /// Each topic must be an SNS topic ARN (`arn:aws:sns:<region>:<account>:<name>`, at most 256 characters), else
    /// `StoreError.invalid`; so must the integration's source be `cloudwatch`. An unknown name is
    /// `StoreError.notFound`. Duplicates are dropped; the order is kept.
    func setSNSTopics(_ topics: [String], integration name: String) async throws -> Integration

    /// Every integration, by name.
    func integrations() async throws -> [Integration]

    /// Replaces an integration's secret; the old one stops working at once (its signing secret is kept).
    func rotateIntegration(name: String, at: Date) async throws -> Issued<Integration>

    /// Deletes an integration; its secret stops working.
    func removeIntegration(name: String) async throws

    /// The integration when `secret` is its current secret, else nil (compared in constant time).
    func authenticateIntegration(name: String, secret: String) async throws -> Integration?
}
