import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RunbookCore
import Testing

@testable import RunbookServer

struct SentryIngestTests {
    static let signatureField = HTTPField.Name("Sentry-Hook-Signature")!
    static let timestampField = HTTPField.Name("Sentry-Hook-Timestamp")!

    /// The hex HMAC-SHA256 Sentry sends.
    static func signature(_ body: String, key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// One Sentry delivery: what is signed with what, when, and the answer it must get.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Given the integration's secret, the signature header's value (nil: absent).
        let signature: @Sendable (String) -> String?
        /// Seconds from the server's clock (nil: absent).
        let timestampOffset: Double?
        var withToken = true
        let status: HTTPResponse.Status
        let error: String?
        let field: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "valid", signature: { signature(IngestPayload.sentry, key: $0) }, timestampOffset: -30,
             status: .accepted, error: nil, field: nil),
        Case(name: "signed with another key", signature: { _ in signature(IngestPayload.sentry, key: "other") },
             timestampOffset: 0, status: .unauthorized, error: "bad_signature", field: "Sentry-Hook-Signature"),
        Case(name: "signature of another body", signature: { signature("{}", key: $0) }, timestampOffset: 0,
             status: .unauthorized, error: "bad_signature", field: "Sentry-Hook-Signature"),
        Case(name: "not hex", signature: { _ in "zz" + String(repeating: "0", count: 62) }, timestampOffset: 0,
             status: .unauthorized, error: "bad_signature", field: "Sentry-Hook-Signature"),
        Case(name: "no signature", signature: { _ in nil }, timestampOffset: 0, status: .unauthorized,
             error: "bad_signature", field: "Sentry-Hook-Signature"),
        Case(name: "stale timestamp", signature: { signature(IngestPayload.sentry, key: $0) }, timestampOffset: -301,
             status: .unauthorized, error: "stale_timestamp", field: "Sentry-Hook-Timestamp"),
        Case(name: "future timestamp", signature: { signature(IngestPayload.sentry, key: $0) }, timestampOffset: 301,
             status: .unauthorized, error: "stale_timestamp", field: "Sentry-Hook-Timestamp"),
        Case(name: "no timestamp", signature: { signature(IngestPayload.sentry, key: $0) }, timestampOffset: nil,
             status: .unauthorized, error: "bad_signature", field: "Sentry-Hook-Timestamp"),
        Case(name: "valid signature without the token", signature: { signature(IngestPayload.sentry, key: $0) },
             timestampOffset: 0, withToken: false, status: .unauthorized, error: "unauthorized", field: "token"),
    ]

    @Test(arguments: cases)
    func aSentryDeliveryIsAcceptedOnlyWithAValidSignatureAndAFreshTimestamp(_ delivery: Case) async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("sentry", source: .sentry)
            var headers: HTTPFields = [:]
            headers[Self.signatureField] = delivery.signature(secret)
            headers[Self.timestampField] = delivery.timestampOffset.map {
                String(Int(IngestFixture.now.timeIntervalSince1970 + $0))
            }
            let url = IngestURL.url(base: "", integration: "sentry", source: .sentry,
                                    token: delivery.withToken ? secret : nil)
            let before = try await fixture.contents()
            let sent = headers
            let response = try await fixture.withServer { client in
                try await client.post(url, IngestPayload.sentry, headers: sent)
            }
            #expect(response.status == delivery.status)
            if let error = delivery.error {
                #expect(response.error?.error == error)
                #expect(response.error?.field == delivery.field)
                #expect(try await fixture.contents() == before)
            } else {
                let id = try #require(response.ingested?.incidents.first)
                let detail = try await fixture.store.incident(id: id)
                #expect(detail.incident.source == .sentry)
                #expect(detail.alerts.first?.alert.dedupKey == "4242")
            }
        }
    }
}
