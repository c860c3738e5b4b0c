import AsyncHTTPClient
import Foundation
import NIOCore

/// Fetches SNS certificates and subscription URLs with AsyncHTTPClient's shared client.
///
/// Bodies are capped at 64 KiB (a certificate is ~2 KiB) and each fetch times out after 10 seconds.
public struct HTTPCertificateFetcher: CertificateFetcher {
    /// The error of a fetch answered with a non-2xx status.
    public struct StatusError: Error, Sendable, CustomStringConvertible {
        public let status: UInt
        public var description: String { "the server answered HTTP \(status)" }
    }

    private let client: HTTPClient

    /// A fetcher using `client` (the process-wide shared client by default).
    public init(client: HTTPClient = .shared) {
        self.client = client
    }

    public func fetch(_ url: URL) async throws -> Data {
        let request = HTTPClientRequest(url: url.absoluteString)
        let response = try await client.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(response.status.code) else { throw StatusError(status: response.status.code) }
        let body = try await response.body.collect(upTo: 64 * 1024)
        return Data(buffer: body)
    }
}
