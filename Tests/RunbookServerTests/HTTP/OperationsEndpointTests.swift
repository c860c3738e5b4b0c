import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RunbookServer

struct OperationsEndpointTests {
    @Test
    func versionReportsReleaseCommitAndBuildDate() async throws {
        let capture = LogCapture()
        try await TestServer.withLiveServer(dependencies: TestServer.dependencies(capture: capture)) { client in
            try await client.execute(uri: "/__version__", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(body == ["version": "9.9.9", "commit": "abc123", "build_date": "2025-01-01T00:00:00Z"])
            }
        }
    }

    @Test
    func lbheartbeatAnswersWhileUpAndHeadWorks() async throws {
        let capture = LogCapture()
        try await TestServer.withLiveServer(dependencies: TestServer.dependencies(capture: capture)) { client in
            try await client.execute(uri: "/__lbheartbeat__", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/__lbheartbeat__", method: .head) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test
    func heartbeatIsHealthyWhenEveryCheckPasses() async throws {
        let capture = LogCapture()
        let dependencies = TestServer.dependencies(
            capture: capture, checks: [FixedCheck(name: "database", failure: nil)])
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            try await client.execute(uri: "/__heartbeat__", method: .get) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(Heartbeat.Report.self, from: Data(buffer: response.body))
                #expect(report.status == "ok")
                #expect(report.checks["library"]?.detail.contains("3 entries, revision rev-3") == true)
                #expect(report.checks["database"]?.status == "ok")
            }
        }
    }

    @Test
    func heartbeatIs503WithDetailWhenACheckFails() async throws {
        let capture = LogCapture()
        var dependencies = TestServer.dependencies(
            capture: capture, checks: [FixedCheck(name: "database", failure: "disk I/O error")])
        dependencies.library = LibraryHolder()
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            try await client.execute(uri: "/__heartbeat__", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let report = try JSONDecoder().decode(Heartbeat.Report.self, from: Data(buffer: response.body))
                #expect(report.status == "failed")
                #expect(report.checks["database"] == Heartbeat.Result(status: "failed", detail: "disk I/O error"))
                #expect(report.checks["library"]?.detail == "the runbook library is not loaded yet")
            }
        }
    }

    @Test
    func metricsCountRequestsByTemplateAndStatusFamily() async throws {
        let capture = LogCapture()
        let dependencies = TestServer.dependencies(capture: capture)
        RunbookMetrics(factory: dependencies.metrics.factory).alertReceived(source: "alertmanager", status: "firing")
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            try await client.execute(uri: "/__version__", method: .get) { _ in }
            try await client.execute(uri: "/no/such/page/12345", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(
                    #"http_requests_total{method="GET",path_template="/__version__",status="2xx"} 1"#))
                #expect(text.contains(#"http_requests_total{method="GET",path_template="unmatched",status="4xx"} 1"#))
                #expect(text.contains("http_request_duration_seconds_bucket"))
                #expect(text.contains(#"runbook_alerts_received_total{source="alertmanager",status="firing"} 1"#))
                #expect(!text.contains("12345"))
            }
        }
    }
}
