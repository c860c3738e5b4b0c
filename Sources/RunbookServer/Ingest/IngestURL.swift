import Foundation
import RunbookCore

/// The URL an integration's sender posts alerts to, as `runbook integrations add` prints it.
///
/// Shape: `<base>/api/v1/ingest/<source>/<integration>`, optionally with `?token=<secret>` for senders that cannot
/// set an `Authorization: Bearer <secret>` header (Alertmanager's `url`, SNS subscriptions, Pingdom, Sentry). The
/// integration is named by the path and authenticated by its secret; the server never logs the token.
///
/// ```swift
/// IngestURL.url(base: "https://runbook.example.com", integration: "am", source: .alertmanager, token: "rbi_x")
/// // "https://runbook.example.com/api/v1/ingest/alertmanager/am?token=rbi_x"
/// ```
public enum IngestURL {
    /// The route prefix every ingestion path starts with.
    public static let prefix = "/api/v1/ingest"

    /// The path of an integration's endpoint: `/api/v1/ingest/<source>/<integration>`.
    public static func path(integration: String, source: AlertSource) -> String {
        "\(prefix)/\(source.rawValue)/\(escaped(integration))"
    }

    /// The full URL of an integration's endpoint; with a token, the token rides in the query (`?token=`).
    ///
    /// - Parameter base: the server's public base URL (`ServerConfiguration.effectiveBaseURL`); a trailing `/`
    ///   is dropped.
    public static func url(base: String, integration: String, source: AlertSource, token: String?) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        let url = trimmed + path(integration: integration, source: source)
        guard let token else { return url }
        return "\(url)?token=\(escaped(token))"
    }

    private static func escaped(_ text: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
