import Foundation
import HummingbirdTesting
import Testing

@testable import RunbookServer

struct LoadSheddingTests {
    @Test
    func aRequestOverTheInFlightLimitGets503WithRetryAfterAtOnce() async throws {
        let capture = LogCapture()
        let gate = GracefulShutdownTests.GateCheck()
        var configuration = TestServer.configuration()
        configuration.limits.maxInFlight = 1
        configuration.limits.heartbeatInterval = .zero
        try await TestServer.withLiveServer(
            configuration: configuration, dependencies: TestServer.dependencies(capture: capture, checks: [gate])
        ) { client in
            async let held = client.execute(uri: "/__heartbeat__", method: .get)
            var entered = gate.entered.makeAsyncIterator()
            _ = await entered.next()

            // The test client holds one connection, busy with the held request: ask on another.
            let other = try RawConnection(port: try #require(client.port))
            other.send("GET /__version__ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let shed = await other.readUntilClosed(limit: .seconds(10)).text
            #expect(shed.hasPrefix("HTTP/1.1 503"))
            #expect(shed.lowercased().contains("retry-after: 1\r\n"))
            #expect(shed.contains("\"error\":\"overloaded\""))
            #expect(shed.contains("http.max_in_flight"))
            let balancer = try RawConnection(port: try #require(client.port))
            balancer.send("GET /__lbheartbeat__ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(await balancer.readUntilClosed(limit: .seconds(10)).text.hasPrefix("HTTP/1.1 200"))

            gate.releaseContinuation.yield()
            #expect(try await held.status == .ok)
            let after = try await client.execute(uri: "/__version__", method: .get)
            #expect(after.status == .ok)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(String(buffer: metrics.body).contains("runbook_http_requests_shed_total 1"))
        }
        #expect(capture.lines.contains { $0.contains("request.shed") })
    }
}
