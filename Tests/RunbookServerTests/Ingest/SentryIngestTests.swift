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
            let accepted = try await Self.post(
                to: fixture, signature: delivery.signature(secret), timestampOffset: delivery.timestampOffset,
                token: delivery.withToken ? secret : nil,
                expecting: (delivery.status, delivery.error, delivery.field)
            )
            if let id = accepted {
                let detail = try await fixture.store.incident(id: id)
                #expect(detail.incident.source == .sentry)
                #expect(detail.alerts.first?.alert.dedupKey == "4242")
            }
        }
    }

    /// Posts the Sentry payload with these headers and checks the answer: a rejection names its error and field
    /// and leaves the store as it was. Returns the incident of an accepted delivery.
    private static func post(
        to fixture: IngestFixture, signature: String?, timestampOffset: Double?, token: String?,
        expecting: (status: HTTPResponse.Status, error: String?, field: String?)
    ) async throws -> Int64? {
        var headers: HTTPFields = [:]
        headers[signatureField] = signature
        headers[timestampField] = timestampOffset.map { String(Int(IngestFixture.now.timeIntervalSince1970 + $0)) }
        let url = IngestURL.url(base: "", integration: "sentry", source: .sentry, token: token)
        let before = try await fixture.contents()
        let sent = headers
        let response = try await fixture.withServer { client in
            try await client.post(url, IngestPayload.sentry, headers: sent)
        }
        #expect(response.status == expecting.status)
        guard let error = expecting.error else {
            return try #require(response.ingested?.incidents.first)
        }
        #expect(response.error?.error == error)
        #expect(response.error?.field == expecting.field)
        #expect(try await fixture.contents() == before)
        return nil
    }

    /// Sentry's client secret, as an operator would copy it into `integrations add --signing-secret`.
    static let clientSecret = "9f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"

    /// A delivery to an integration with a signing secret: Sentry signs with its client secret and has no token.
    struct SignedCase: Sendable, CustomTestStringConvertible {
        let name: String
        /// Given the integration's own secret, the signature header's value (nil: absent).
        let signature: @Sendable (String) -> String?
        var timestampOffset: Double? = 0
        var withToken = false
        let status: HTTPResponse.Status
        var error: String?
        var field: String?

        var testDescription: String { name }
    }

    static let signedCases: [SignedCase] = [
        SignedCase(name: "valid, no token", signature: { _ in signature(IngestPayload.sentry, key: clientSecret) },
                   status: .accepted),
        SignedCase(name: "valid, with a token too", signature: { _ in
            signature(IngestPayload.sentry, key: clientSecret)
        }, withToken: true, status: .accepted),
        SignedCase(name: "keyed with the integration's own secret",
                   signature: { signature(IngestPayload.sentry, key: $0) }, withToken: true,
                   status: .unauthorized, error: "bad_signature", field: "Sentry-Hook-Signature"),
        SignedCase(name: "signature of another body", signature: { _ in signature("{}", key: clientSecret) },
                   status: .unauthorized, error: "bad_signature", field: "Sentry-Hook-Signature"),
        SignedCase(name: "no signature", signature: { _ in nil }, status: .unauthorized, error: "bad_signature",
                   field: "Sentry-Hook-Signature"),
        SignedCase(name: "no signature, with the token", signature: { _ in nil }, withToken: true,
                   status: .unauthorized, error: "bad_signature", field: "Sentry-Hook-Signature"),
        SignedCase(name: "stale timestamp", signature: { _ in signature(IngestPayload.sentry, key: clientSecret) },
                   timestampOffset: -301, status: .unauthorized, error: "stale_timestamp",
                   field: "Sentry-Hook-Timestamp"),
        SignedCase(name: "no timestamp", signature: { _ in signature(IngestPayload.sentry, key: clientSecret) },
                   timestampOffset: nil, status: .unauthorized, error: "bad_signature",
                   field: "Sentry-Hook-Timestamp"),
    ]

    @Test(arguments: signedCases)
    func withASigningSecretTheSignatureAloneAuthenticatesASentryDelivery(_ delivery: SignedCase) async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.store.addIntegration(
                name: "sentry", source: .sentry, signingSecret: Self.clientSecret, at: IngestFixture.now).secret
            let accepted = try await Self.post(
                to: fixture, signature: delivery.signature(secret), timestampOffset: delivery.timestampOffset,
                token: delivery.withToken ? secret : nil,
                expecting: (delivery.status, delivery.error, delivery.field)
            )
            if let id = accepted {
                #expect(try await fixture.store.incident(id: id).alerts.first?.alert.dedupKey == "4242")
            }
            #expect(!fixture.capture.lines.contains { $0.contains(Self.clientSecret) })
        }
    }

    @Test
    func removingTheSigningSecretBringsBackTheTokenAndTheOwnSecretAsKey() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.store.addIntegration(
                name: "sentry", source: .sentry, signingSecret: Self.clientSecret, at: IngestFixture.now).secret
            _ = try await fixture.store.setSigningSecret(nil, integration: "sentry")
            let timestamp = String(Int(IngestFixture.now.timeIntervalSince1970))
            let bySigningSecret: HTTPFields = [
                Self.signatureField: Self.signature(IngestPayload.sentry, key: Self.clientSecret),
                Self.timestampField: timestamp,
            ]
            let byOwnSecret: HTTPFields = [
                Self.signatureField: Self.signature(IngestPayload.sentry, key: secret), Self.timestampField: timestamp,
            ]
            let plain = IngestURL.url(base: "", integration: "sentry", source: .sentry, token: nil)
            let withToken = IngestURL.url(base: "", integration: "sentry", source: .sentry, token: secret)
            let (unsigned, oldKey, accepted) = try await fixture.withServer { client in
                (try await client.post(plain, IngestPayload.sentry, headers: bySigningSecret),
                 try await client.post(withToken, IngestPayload.sentry, headers: bySigningSecret),
                 try await client.post(withToken, IngestPayload.sentry, headers: byOwnSecret))
            }
            #expect(unsigned.status == .unauthorized)
            #expect(unsigned.error?.field == "token")
            #expect(oldKey.status == .unauthorized)
            #expect(oldKey.error?.field == "Sentry-Hook-Signature")
            #expect(accepted.status == .accepted)
        }
    }

    @Test
    func theSigningSecretAppliesOnlyToItsOwnIntegration() async throws {
        try await IngestFixture.with { fixture in
            _ = try await fixture.store.addIntegration(
                name: "signed", source: .sentry, signingSecret: Self.clientSecret, at: IngestFixture.now)
            _ = try await fixture.integration("other", source: .sentry)
            let headers: HTTPFields = [
                Self.signatureField: Self.signature(IngestPayload.sentry, key: Self.clientSecret),
                Self.timestampField: String(Int(IngestFixture.now.timeIntervalSince1970)),
            ]
            let before = try await fixture.contents()
            let (other, unknown) = try await fixture.withServer { client in
                (try await client.post(IngestURL.url(base: "", integration: "other", source: .sentry, token: nil),
                                       IngestPayload.sentry, headers: headers),
                 try await client.post(IngestURL.url(base: "", integration: "nobody", source: .sentry, token: nil),
                                       IngestPayload.sentry, headers: headers))
            }
            #expect(other.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(try await fixture.contents() == before)
        }
    }
}
