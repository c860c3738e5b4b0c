import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing

@testable import RunbookServer

struct GracefulShutdownTests {
    /// A heartbeat check that signals when it starts and then waits to be released.
    final class GateCheck: HeartbeatCheck {
        let name = "gate"
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (released, releaseContinuation) = AsyncStream<Void>.makeStream()

        func check() async throws -> String {
            enteredContinuation.yield()
            for await _ in released { break }
            return "released"
        }
    }

    @Test
    func anInFlightRequestFinishesAndTheServerStops() async throws {
        let capture = LogCapture()
        let gate = GateCheck()
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var dependencies = TestServer.dependencies(capture: capture, checks: [gate])
        dependencies.onServerRunning = { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
        }
        let app = buildApplication(configuration: TestServer.configuration(), dependencies: dependencies)
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let group = ServiceGroup(services: [app], logger: quiet)

        let port = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let client = TestClient(host: "127.0.0.1", port: port)
            client.connect()
            async let response = client.execute(.init("/__heartbeat__", method: .get, authority: "localhost"))

            var entered = gate.entered.makeAsyncIterator()
            _ = await entered.next()
            await group.triggerGracefulShutdown()
            gate.releaseContinuation.yield()

            let finished = try await response
            #expect(finished.head.status == .ok)
            #expect(finished.body.map { String(buffer: $0) }?.contains("released") == true)
            try await client.shutdown()
            try await tasks.next()
            return port
        }

        let lateClient = TestClient(host: "127.0.0.1", port: port)
        lateClient.connect()
        await #expect(throws: (any Error).self) {
            _ = try await lateClient.execute(.init("/__lbheartbeat__", method: .get, authority: "localhost"))
        }
        try? await lateClient.shutdown()
    }
}
