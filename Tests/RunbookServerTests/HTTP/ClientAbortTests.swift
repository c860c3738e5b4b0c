import Foundation
import HummingbirdTesting
import Testing

@testable import RunbookServer

struct ClientAbortTests {
    @Test
    func aClientThatDisconnectsMidBodyIsLoggedAsAnAbortNotAServerFault() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("am", source: .alertmanager)
            try await fixture.withServer { client in
                let connection = try RawConnection(port: try #require(client.port))
                connection.send("POST /api/v1/ingest/alertmanager/am HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer \(secret)\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"version\":")
                connection.close()
                let deadline = ContinuousClock.now + .seconds(10)
                while !fixture.capture.lines.contains(where: { $0.contains("request.summary") }),
                      ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let metrics = try await client.execute(uri: "/metrics", method: .get)
                #expect(!String(buffer: metrics.body).contains("status=\"5xx\""))
            }
            let lines = fixture.capture.lines
            #expect(lines.contains { $0.contains("request.client_aborted") })
            #expect(lines.contains { $0.contains("request.summary") && $0.contains("499") })
            #expect(!lines.contains { $0.contains("request.failed") })
        }
    }
}
