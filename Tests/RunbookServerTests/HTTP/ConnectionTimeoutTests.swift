import Foundation
import HummingbirdTesting
import Testing

@testable import RunbookServer

/// Slow and idle connections against a live loopback server with short limits: each is closed within its
/// limit, and the server keeps answering others meanwhile.
struct ConnectionTimeoutTests {
    static func configuration(header: Duration = .milliseconds(300), body: Duration = .milliseconds(300),
                              idle: Duration = .milliseconds(400)) -> ServerConfiguration {
        var configuration = TestServer.configuration()
        configuration.limits.headerTimeout = header
        configuration.limits.bodyTimeout = body
        configuration.limits.idleTimeout = idle
        return configuration
    }

    /// How soon a slow client must be cut off, well above the 300 ms limits: these tests check that the server
    /// cuts it off at all (a connection held for good fails them), not the timer's precision. In one full run on
    /// 4 December both were cut off at 5.5 s, together: something held the test process's event loops for about
    /// five seconds (not explained yet); with a bound of 5 s that failed the run.
    static let slowClientBound: Duration = .seconds(9)

    static func withServer(
        _ configuration: ServerConfiguration = configuration(),
        _ body: @Sendable (Int, any TestClientProtocol) async throws -> Void
    ) async throws {
        let capture = LogCapture()
        try await TestServer.withLiveServer(
            configuration: configuration, dependencies: TestServer.dependencies(capture: capture)
        ) { client in
            try await body(try #require(client.port), client)
        }
    }

    @Test
    func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await Self.withServer { port, _ in
            let connection = try RawConnection(port: port)
            let result = await connection.readUntilClosed(limit: .seconds(10))
            #expect(result.closed)
            #expect(result.elapsed >= .milliseconds(350))
            #expect(result.elapsed < Self.slowClientBound)
        }
    }

    @Test
    func dripFedHeadersAreCutOffAtTheHeaderTimeoutWithA408() async throws {
        try await Self.withServer(Self.configuration(idle: .seconds(30))) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("GET /__lbheartbeat__ HTTP/1.1\r\nHost: x\r\n")
            let drip = Task {
                for number in 0..<100 {
                    guard connection.send("X-Drip-\(number): y\r\n") else { return }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            let result = await connection.readUntilClosed(limit: .seconds(10))
            drip.cancel()
            #expect(result.closed)
            // Cut off, not held until the drip ends or the 30 s idle timeout: under 9 s, not the 300 ms limit
            // itself (see `slowClientBound`).
            #expect(result.elapsed < Self.slowClientBound)
            #expect(result.text.hasPrefix("HTTP/1.1 408"))
            #expect(result.text.contains("http.header_timeout"))
        }
    }

    @Test
    func aBodyStalledAfterTenOfAThousandBytesIsCutOffAtTheBodyTimeout() async throws {
        try await Self.withServer(Self.configuration(idle: .seconds(30))) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("POST /api/v1/runbooks/reload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"a\":\"bcd\"")
            let result = await connection.readUntilClosed(limit: .seconds(10))
            #expect(result.closed)
            #expect(result.elapsed < Self.slowClientBound)
        }
    }

    @Test
    func threeHundredHalfOpenConnectionsAreAllClosedWhileOthersAreServed() async throws {
        try await Self.withServer(Self.configuration(idle: .seconds(30))) { port, client in
            let connections = try (0..<300).map { _ in try RawConnection(port: port) }
            for connection in connections {
                connection.send("GET / HTTP/1.1\r\nHost")
            }
            let answered = try await client.execute(uri: "/__lbheartbeat__", method: .get)
            #expect(answered.status == .ok)
            var stillOpen = 0
            for connection in connections {
                let result = await connection.readUntilClosed(limit: .seconds(5))
                if !result.closed { stillOpen += 1 }
            }
            #expect(stillOpen == 0)
        }
    }

    @Test
    func aRequestTheCodecCannotParseGetsAJSONErrorNamingTheProblem() async throws {
        try await Self.withServer(Self.configuration(header: .seconds(10), idle: .seconds(10))) { port, _ in
            let connection = try RawConnection(port: port)
            connection.send("GET /__lbheartbeat__ HTTP/1.1\r\nHost: x\r\nBad Header Name: z\r\n\r\n")
            let result = await connection.readUntilClosed(limit: .seconds(5))
            #expect(result.text.hasPrefix("HTTP/1.1 400"))
            #expect(result.text.lowercased().contains("content-type: application/json"))
            let body = try #require(result.text.components(separatedBy: "\r\n\r\n").last)
            let error = try JSONDecoder().decode(APIError.Body.self, from: Data(body.utf8))
            #expect(error.error == "bad_request")
            #expect(error.detail.contains("header"))
        }
    }

    @Test
    func aConnectionAnsweredKeepsServingUntilIdle() async throws {
        try await Self.withServer(Self.configuration(header: .seconds(10), idle: .seconds(1))) { port, _ in
            let connection = try RawConnection(port: port)
            let request = "GET /__lbheartbeat__ HTTP/1.1\r\nHost: x\r\n\r\n"
            connection.send(request + request)
            let result = await connection.readUntilClosed(limit: .seconds(10))
            #expect(result.text.components(separatedBy: "HTTP/1.1 200").count == 3)
            #expect(result.elapsed >= .milliseconds(900))
        }
    }
}
