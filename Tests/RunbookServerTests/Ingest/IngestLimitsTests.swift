import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RunbookCore
import Testing

@testable import RunbookServer

/// The `limits.*` settings on the ingest endpoints: a payload over one is a 422 `limit_exceeded` naming the
/// setting and the field, stores nothing, and the server goes on answering.
struct IngestLimitsTests {
    static func labels(_ count: Int) -> String {
        (0..<count).map { "\"label\($0)\":\"value\($0)\"" }.joined(separator: ",")
    }

    /// The body of the crash report: 12,000 common labels copied into each of 30,000 alerts, under 1 MiB.
    static let amplifying: String = {
        let alerts = Array(repeating: "{}", count: 30_000).joined(separator: ",")
        return #"{"version":"4","status":"firing","commonLabels":{\#(labels(12_000))},"alerts":[\#(alerts)]}"#
    }()

    @Test(arguments: [
        ("amplifying common labels", amplifying, "limits.alerts_per_request", "alerts"),
        ("a 900 KB label value",
         #"{"version":"4","alerts":[{"labels":{"a":"\#(String(repeating: "x", count: 900_000))"}}]}"#,
         "limits.label_value_bytes", "alerts[0].labels.a"),
        ("too many labels after merging",
         #"{"version":"4","commonLabels":{\#(labels(80))},"alerts":[{"labels":{"own":"1"}},"#
            + #"{"labels":{"x1":"1","x2":"2","x3":"3","x4":"4","x5":"5","x6":"6","x7":"7","x8":"8","x9":"9","#
            + #""x10":"1","x11":"1","x12":"1","x13":"1","x14":"1","x15":"1","x16":"1","x17":"1","x18":"1","#
            + #""x19":"1","x20":"1","x21":"1"}}]}"#,
         "limits.labels_per_alert", "alerts[1].labels"),
    ])
    func aPayloadOverALimitIs422NamingItAndChangesNothing(
        name: String, body: String, setting: String, field: String
    ) async throws {
        #expect(body.utf8.count < 1 << 20, "\(name) must fit the default body limit")
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            let headers: HTTPFields = [.authorization: "Bearer \(secret)"]
            let (response, after) = try await fixture.withServer { client in
                let response = try await client.post(IngestEndpointTests.amPath, body, headers: headers)
                let after = try await client.post(IngestEndpointTests.amPath, IngestPayload.diskUsage, headers: headers)
                return (response, after)
            }
            #expect(response.status == .unprocessableContent)
            let error = try #require(response.error, "body: \(String(buffer: response.body))")
            #expect(error.error == "limit_exceeded")
            #expect(error.field == field)
            #expect(error.detail.contains(setting), "\(error.detail)")
            #expect(after.status == .accepted)
            #expect(try await fixture.contents().requests == 1)
        }
    }

    @Test
    func aSmallerConfiguredAlertLimitIsEnforcedOnEverySource() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("gen", source: .generic)
            var configuration = TestServer.configuration()
            configuration.alertLimits.annotationBytes = 16
            let body = #"{"title":"Disk full","summary":"the disk of db1 is full and writes fail"}"#
            let response = try await fixture.withServer(configuration: configuration) { client in
                try await client.post(IngestURL.path(integration: "gen", source: .generic), body,
                                      headers: [.authorization: "Bearer \(secret)"])
            }
            #expect(response.status == .unprocessableContent)
            #expect(response.error?.detail.contains("limits.annotation_bytes") == true)
            #expect(try await fixture.contents().requests == 0)
        }
    }
}

/// A payload that parses but carries none of its format's fields is a 422 naming the fields, not an incident.
struct IngestIncompletePayloadTests {
    @Test
    func anEmptyDatadogPayloadIs422AndOpensNothing() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("dd", source: .datadog)
            let response = try await fixture.withServer { client in
                try await client.post(IngestURL.path(integration: "dd", source: .datadog), "{}",
                                      headers: [.authorization: "Bearer \(secret)"])
            }
            #expect(response.status == .unprocessableContent)
            #expect(response.error?.error == "incomplete_payload")
            #expect(response.error?.detail.contains("alert_title") == true)
            #expect(try await fixture.contents().requests == 0)
        }
    }
}
