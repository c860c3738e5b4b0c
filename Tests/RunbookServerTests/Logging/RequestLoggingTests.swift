import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RunbookServer

struct RequestLoggingTests {
    @Test
    func secretsInURLsAndHeadersNeverReachTheLog() async throws {
        let capture = LogCapture()
        try await TestServer.withLiveServer(dependencies: TestServer.dependencies(capture: capture)) { client in
            let headers: HTTPFields = [
                .authorization: "Bearer header-secret-1", .cookie: "session=cookie-secret-2",
                HTTPField.Name("Sentry-Hook-Signature")!: "signature-secret-3",
            ]
            try await client.execute(
                uri: "/api/v1/ingest/alertmanager?token=query-secret-4&source=am", method: .post, headers: headers
            ) { response in
                #expect(response.status == .notFound)
            }
        }
        let text = capture.lines.joined(separator: "\n")
        for secret in ["header-secret-1", "cookie-secret-2", "signature-secret-3", "query-secret-4"] {
            #expect(!text.contains(secret), "\(secret) was logged")
        }
        let summary = try #require(capture.objects.first { $0["type"] as? String == "request.summary" })
        let fields = try #require(summary["fields"] as? [String: Any])
        #expect(fields["path"] as? String == "/api/v1/ingest/alertmanager?token=[OMITTED]&source=am")
        #expect(fields["method"] as? String == "POST")
        #expect(fields["status"] as? Int == 404)
        #expect(fields["path_template"] as? String == "unmatched")
        #expect(fields["trivial"] as? Bool == false)
        #expect((fields["client"] as? String)?.hasPrefix("127.0.0.1:") == true)
        #expect(fields["duration_ms"] is Double)
        let headers = try #require(fields["headers"] as? [String: String])
        #expect(headers["authorization"] == "[OMITTED]")
        #expect(headers["cookie"] == "[OMITTED]")
        #expect(headers["sentry-hook-signature"] == "[OMITTED]")
    }

    @Test(arguments: [
        ("/__heartbeat__", true), ("/__lbheartbeat__", true), ("/metrics", true), ("/__version__", false),
    ])
    func heartbeatAndMetricsRequestsAreTrivial(path: String, trivial: Bool) async throws {
        let capture = LogCapture()
        try await TestServer.withLiveServer(dependencies: TestServer.dependencies(capture: capture)) { client in
            try await client.execute(uri: path, method: .get) { _ in }
        }
        let summary = try #require(capture.objects.first { $0["type"] as? String == "request.summary" })
        let fields = try #require(summary["fields"] as? [String: Any])
        #expect(fields["trivial"] as? Bool == trivial)
        #expect(fields["path_template"] as? String == path)
    }
}
