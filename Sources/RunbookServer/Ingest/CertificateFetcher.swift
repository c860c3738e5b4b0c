import Foundation

/// Fetches a URL over HTTPS for SNS: a signing certificate, or a `SubscribeURL` to confirm a subscription.
///
/// The server injects `HTTPCertificateFetcher`; tests inject one that answers from memory, so nothing in the test
/// suite reaches the internet. Callers check the URL's host before fetching.
public protocol CertificateFetcher: Sendable {
    /// The body at `url`; throws when it cannot be fetched or the status is not 2xx.
    func fetch(_ url: URL) async throws -> Data
}
