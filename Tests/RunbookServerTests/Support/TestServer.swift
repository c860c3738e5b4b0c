import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RunbookCore

@testable import RunbookServer

/// Builders for servers under test: loopback, an ephemeral port, a captured log.
enum TestServer {
    /// A configuration listening on an ephemeral loopback port.
    static func configuration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.listen = ListenAddress(host: "127.0.0.1", port: 0)
        return configuration
    }

    /// A small loaded library: one document with `count` entries, revision `rev-<count>`.
    static func snapshot(entries count: Int) -> LibrarySnapshot {
        let entries = (0..<count).map { number in
            Entry(id: "oncall.md#entry-\(number)", file: "oncall.md", anchor: "entry-\(number)",
                  title: "Entry \(number)", level: 2, line: number + 1)
        }
        return LibrarySnapshot(
            library: Library(documents: [Document(file: "oncall.md", entries: entries)]),
            findings: [], revision: "rev-\(count)", loadedAt: Date(timeIntervalSince1970: 0)
        )
    }

    /// Dependencies with a loaded library and logs going to `capture`.
    static func dependencies(capture: LogCapture, checks: [any HeartbeatCheck] = []) -> ServerDependencies {
        ServerDependencies(
            logger: capture.logger(),
            version: VersionInfo(version: "9.9.9", commit: "abc123", buildDate: "2025-01-01T00:00:00Z"),
            library: LibraryHolder(snapshot(entries: 3)),
            heartbeatChecks: checks
        )
    }

    /// Runs `body` against a live server on loopback.
    static func withLiveServer<Value: Sendable>(
        configuration: ServerConfiguration = configuration(),
        dependencies: ServerDependencies,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = buildApplication(configuration: configuration, dependencies: dependencies)
        return try await app.test(.live) { client in
            try await body(client)
        }
    }
}

/// A heartbeat check with a fixed outcome.
struct FixedCheck: HeartbeatCheck {
    let name: String
    let failure: String?

    func check() async throws -> String {
        if let failure { throw HeartbeatFailure(failure) }
        return "fine"
    }
}
