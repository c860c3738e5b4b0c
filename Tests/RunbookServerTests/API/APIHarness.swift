import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// A live server on loopback over a real SQLite file in a temporary folder, with one API token per role and a
/// small library written for these tests.
struct APIHarness: Sendable {
    /// The library: one document in a sub-folder, so that entry ids hold both `/` and `#`.
    static let runbook = """
        # Payments on-call

        ## DiskFull

        The data volume of a database host is nearly full.

        _Diagnosis_

        See what fills the volume:

        ```sh
        ssh <INSTANCE> df -h /var/lib/postgresql
        ```

        _Mitigation_

        Delete old WAL archives on <INSTANCE>, then grow the volume.

        ## HighLatency checkout

        _Diagnosis_

        Open the latency dashboard of <SERVICE>.

        _Mitigation_

        ```sh
        kubectl -n <NAMESPACE> scale deploy/checkout --replicas=6
        ```

        """

    static let diskFullID = "team/oncall.md#diskfull"
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    let folder: URL
    let store: SQLiteStore
    let library: LibraryHolder
    /// The secret of each role's token; the tokens are named `ana-viewer`, `ana-operator`, `ana-admin`.
    let secrets: [APIToken.Role: String]

    /// A fresh store with the three tokens and the library loaded; `configuration` may give it a planner.
    static func make(configuration: StoreConfiguration = StoreConfiguration()) async throws -> APIHarness {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runbook-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(
            path: folder.appendingPathComponent("runbook.sqlite").path, configuration: configuration
        )
        var secrets: [APIToken.Role: String] = [:]
        for role in APIToken.Role.allCases {
            secrets[role] = try await store.addToken(name: "ana-\(role.rawValue)", role: role, at: start).secret
        }
        return APIHarness(folder: folder, store: store, library: LibraryHolder(snapshot()), secrets: secrets)
    }

    /// The test library, linted, as revision `rev-<revision>`.
    static func snapshot(revision: String = "1", extra: String = "") -> LibrarySnapshot {
        let files = [SourceFile(path: "team/oncall.md", contents: runbook + extra)]
        let library = Library(folders: [LibraryFolder(name: "lib", files: files)])
        return LibrarySnapshot(
            library: library, findings: Linter().lint(library, existingFiles: ["team/oncall.md"]),
            revision: "rev-\(revision)", loadedAt: start
        )
    }

    /// An Alertmanager-like alert.
    static func alert(
        _ name: String, instance: String = "db1", status: AlertStatus = .firing, extraLabels: [String: String] = [:],
        source: AlertSource = .alertmanager
    ) -> Alert {
        Alert(
            source: source, status: status,
            labels: ["alertname": name, "instance": instance].merging(extraLabels) { $1 },
            annotations: ["summary": "\(name) on \(instance)"], title: "\(name) \(instance)",
            dedupKey: "\(name)/\(instance)", groupKey: "\(name)/\(instance)"
        )
    }

    /// Stores `alerts` as one request received `seconds` after `start`, matched against the library.
    @discardableResult
    func ingest(_ alerts: [Alert], at seconds: Double = 0) async throws -> IngestResult {
        let snapshot = try #require(library.current)
        let items = alerts.map { alert in
            IngestAlert(alert: alert, key: AlertKey.key(for: alert), matches: snapshot.index.match(alert),
                        libraryRevision: snapshot.revision)
        }
        return try await store.ingest(IngestRequest(
            source: alerts.first?.source ?? .alertmanager, integration: "am",
            receivedAt: Self.start.addingTimeInterval(seconds), contentType: "application/json",
            payload: Data(#"{"test":true}"#.utf8), alerts: items
        ))
    }

    /// Runs `body` against a live server over this harness, then closes the store and deletes the folder.
    func run(
        configuration: ServerConfiguration = TestServer.configuration(),
        reload: (@Sendable () throws -> LibrarySnapshot)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        _ body: @Sendable (APIClient) async throws -> Void
    ) async throws {
        let dependencies = dependencies(reload: reload, now: now)
        do {
            try await TestServer.withLiveServer(configuration: configuration, dependencies: dependencies) { client in
                try await body(APIClient(client: client, secrets: secrets))
            }
        } catch {
            try await close()
            throw error
        }
        try await close()
    }

    /// The server's dependencies over this store and library, logging nowhere, on the clock `now`.
    func dependencies(
        reload: (@Sendable () throws -> LibrarySnapshot)? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) -> ServerDependencies {
        ServerDependencies(
            logger: Logger(label: "api-test") { _ in SwiftLogNoOpLogHandler() },
            library: library, store: store, reloadLibrary: reload, now: now
        )
    }

    func close() async throws {
        try await store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Sends API requests as one of the harness's roles and decodes the answers.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    let secrets: [APIToken.Role: String]

    /// A response's status, headers and body.
    struct Reply: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: Data

        /// The body as a JSON object.
        func object() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        }

        /// The body decoded with the API's own decoder.
        func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try APIResponse.decoder().decode(type, from: body)
        }

        /// The `error`, `field` of a JSON error body.
        func error() throws -> APIError.Body {
            try JSONDecoder().decode(APIError.Body.self, from: body)
        }
    }

    /// Sends `method uri` with the token of `role` (none when nil) and `json` as the body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, as role: APIToken.Role? = .admin, token: String? = nil,
        json: String? = nil, contentType: String = "application/json"
    ) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let secret = token ?? role.flatMap({ secrets[$0] }) {
            headers[.authorization] = "Bearer \(secret)"
        }
        if json != nil { headers[.contentType] = contentType }
        let body = json.map { ByteBuffer(string: $0) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Reply(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }
}
