import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RunbookCore
import Testing

@testable import RunbookServer

struct IngestBadInputTests {
    /// One bad request and the error it must get.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var path = IngestURL.path(integration: "am", source: .alertmanager)
        var body = IngestPayload.diskUsage
        /// Headers, given the secrets of integration `am` (alertmanager) and `sn` (sentry).
        var headers: @Sendable (_ am: String, _ sentry: String) -> HTTPFields = { am, _ in
            [.authorization: "Bearer \(am)"]
        }
        let status: HTTPResponse.Status
        let error: String
        let field: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed JSON", body: #"{"alerts": ["#, status: .badRequest, error: "invalid_payload",
             field: "body"),
        Case(name: "wrong content type",
             headers: { am, _ in [.authorization: "Bearer \(am)", .contentType: "text/plain"] },
             status: .unsupportedMediaType, error: "unsupported_media_type", field: "Content-Type"),
        Case(name: "payload of another source", body: IngestPayload.sentry, status: .badRequest,
             error: "invalid_payload", field: "alerts"),
        Case(name: "labels of the wrong kind", body: #"{"alerts":[{"labels":{"alertname":5}}]}"#,
             status: .badRequest, error: "invalid_payload", field: "alerts[0].labels"),
        Case(name: "unknown status", body: IngestPayload.alertmanager([["alertname": "X"]], status: "exploded"),
             status: .badRequest, error: "invalid_payload", field: "status"),
        Case(name: "body over the limit", body: String(repeating: " ", count: (1 << 20) + 1),
             status: .contentTooLarge, error: "payload_too_large", field: nil),
        Case(name: "unknown integration", path: IngestURL.path(integration: "nope", source: .alertmanager),
             status: .unauthorized, error: "unauthorized", field: "token"),
        Case(name: "bad token", headers: { _, _ in [.authorization: "Bearer rbi_not-the-secret"] },
             status: .unauthorized, error: "unauthorized", field: "token"),
        Case(name: "bad token in the query",
             path: IngestURL.url(base: "", integration: "am", source: .alertmanager, token: "rbi_wrong"),
             headers: { _, _ in [:] }, status: .unauthorized, error: "unauthorized", field: "token"),
        Case(name: "no token", headers: { _, _ in [:] }, status: .unauthorized, error: "unauthorized", field: "token"),
        // `curl -d` without -H sends a form content type: authentication comes first, so a stranger gets 401.
        Case(name: "bad token and curl's form content type",
             headers: { _, _ in
                 [.authorization: "Bearer rbi_not-the-secret", .contentType: "application/x-www-form-urlencoded"]
             },
             status: .unauthorized, error: "unauthorized", field: "token"),
        Case(name: "not a bearer token", headers: { am, _ in [.authorization: "Basic \(am)"] },
             status: .unauthorized, error: "unauthorized", field: "Authorization"),
        Case(name: "integration of another source", path: IngestURL.path(integration: "sn", source: .alertmanager),
             headers: { _, sentry in [.authorization: "Bearer \(sentry)"] }, status: .forbidden, error: "wrong_source",
             field: "source"),
        Case(name: "source of another integration", path: IngestURL.path(integration: "am", source: .sentry),
             status: .forbidden, error: "wrong_source", field: "source"),
        Case(name: "unknown source", path: "/api/v1/ingest/nagios/am", status: .notFound, error: "unknown_source",
             field: "source"),
        Case(name: "no integration in the path", path: "/api/v1/ingest/alertmanager", status: .notFound,
             error: "not_found", field: nil),
    ]

    @Test(arguments: cases)
    func aBadRequestGetsA4xxNamingWhatWasWrongAndChangesNothing(_ badCase: Case) async throws {
        try await IngestFixture.with { fixture in
            let am = try await fixture.integration("am", source: .alertmanager)
            let sentry = try await fixture.integration("sn", source: .sentry)
            let (before, response) = try await fixture.withServer { client in
                let seeded = try await client.post(
                    IngestURL.path(integration: "am", source: .alertmanager),
                    IngestPayload.alertmanager([["alertname": "SearchLatencyHigh"]]),
                    headers: [.authorization: "Bearer \(am)"])
                #expect(seeded.status == .accepted)
                let before = try await fixture.contents()
                let response = try await client.post(badCase.path, badCase.body, headers: badCase.headers(am, sentry))
                return (before, response)
            }
            #expect(response.status == badCase.status)
            let error = try #require(response.error, "body: \(String(buffer: response.body))")
            #expect(error.error == badCase.error)
            #expect(error.field == badCase.field)
            #expect(!error.detail.isEmpty)
            #expect(try await fixture.contents() == before)
        }
    }

    @Test
    func anUnknownSourceIsAnsweredWithTheSourcesThereAre() async throws {
        try await IngestFixture.with { fixture in
            let response = try await fixture.withServer { client in
                try await client.post("/api/v1/ingest/nagios/am", "{}")
            }
            let detail = try #require(response.error?.detail)
            for source in ["alertmanager", "sentry", "pingdom", "datadog", "cloudwatch", "generic"] {
                #expect(detail.contains(source))
            }
        }
    }

    @Test
    func aSmallerConfiguredBodyLimitIsEnforced() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            var configuration = TestServer.configuration()
            configuration.maxRequestBody = 64
            let response = try await fixture.withServer(configuration: configuration) { client in
                try await client.post(IngestEndpointTests.amPath, IngestPayload.diskUsage,
                                      headers: [.authorization: "Bearer \(secret)"])
            }
            #expect(response.status == .contentTooLarge)
            #expect(try await fixture.contents().requests == 0)
        }
    }

    @Test(arguments: ["application/vnd.api+json", "application/json; charset=utf-8", "Application/JSON"])
    func anyJSONMediaTypeIsAccepted(contentType: String) async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let response = try await fixture.withServer { client in
                try await client.post(IngestEndpointTests.amPath, IngestPayload.diskUsage,
                                      headers: [.authorization: "Bearer \(secret)", .contentType: contentType])
            }
            #expect(response.status == .accepted, "body: \(String(buffer: response.body))")
        }
    }
}
