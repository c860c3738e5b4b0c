import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
import RunbookCore
import RunbookStore

@testable import RunbookServer

/// A server under test for ingestion: a real SQLite file in a temp folder, the example library, a fixed clock.
struct IngestFixture: Sendable {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    /// The repository's `examples/runbooks`, found from this file's path.
    static let examplesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/runbooks").path

    let folder: URL
    let store: SQLiteStore
    let library: LibraryHolder
    let capture = LogCapture()

    /// A fresh store in a new temp folder, with the example library loaded.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("runbook.sqlite").path)
        let source = FolderRunbookSource(folders: RunbookFolders(paths: [Self.examplesFolder]))
        library = LibraryHolder(try source.load())
    }

    /// Dependencies serving this fixture's store and library.
    func dependencies(
        fetcher: any CertificateFetcher = MemoryFetcher(), now: @escaping @Sendable () -> Date = { IngestFixture.now }
    ) -> ServerDependencies {
        ServerDependencies(logger: capture.logger(), library: library, store: store, now: now,
                           certificateFetcher: fetcher)
    }

    /// Runs `body` against a live loopback server over this fixture.
    func withServer<Value: Sendable>(
        configuration: ServerConfiguration = TestServer.configuration(),
        fetcher: any CertificateFetcher = MemoryFetcher(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await TestServer.withLiveServer(
            configuration: configuration, dependencies: dependencies(fetcher: fetcher), body)
    }

    /// A new integration and its secret.
    func integration(_ name: String, source: AlertSource) async throws -> String {
        try await store.addIntegration(name: name, source: source, at: Self.now).secret
    }

    /// Every incident with its alerts and timeline, and the number of ingest requests the store has seen.
    func contents() async throws -> StoreContents {
        var details: [IncidentDetail] = []
        var query = IncidentQuery(limit: 1000)
        repeat {
            let page = try await store.incidents(matching: query)
            for incident in page.incidents {
                details.append(try await store.incident(id: incident.id))
            }
            query.cursor = page.nextCursor
        } while query.cursor != nil
        return StoreContents(incidents: details, requests: await store.ingestStatistics().requests)
    }

    /// Runs `body` with a new fixture, then closes its store and removes its folder, also when `body` throws.
    static func with<Value: Sendable>(_ body: (IngestFixture) async throws -> Value) async throws -> Value {
        let fixture = try IngestFixture()
        do {
            let value = try await body(fixture)
            try? await fixture.store.close()
            try? FileManager.default.removeItem(at: fixture.folder)
            return value
        } catch {
            try? await fixture.store.close()
            try? FileManager.default.removeItem(at: fixture.folder)
            throw error
        }
    }

    /// What a bad request must leave as it was.
    struct StoreContents: Equatable {
        var incidents: [IncidentDetail]
        var requests: Int
    }
}

/// Request helpers.
extension TestClientProtocol {
    /// POSTs `body` to `path` with `headers` (JSON content type unless given).
    func post(_ path: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        if fields[.contentType] == nil {
            fields[.contentType] = "application/json"
        }
        return try await execute(uri: path, method: .post, headers: fields, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    /// The JSON error body.
    var error: APIError.Body? {
        try? JSONDecoder().decode(APIError.Body.self, from: Data(buffer: body))
    }

    /// The 202 body.
    var ingested: IngestResponse? {
        try? JSONDecoder().decode(IngestResponse.self, from: Data(buffer: body))
    }
}

/// Payloads written for these tests, in the senders' public formats.
enum IngestPayload {
    /// An Alertmanager v4 webhook with one alert per label set.
    static func alertmanager(_ labelSets: [[String: String]], status: String = "firing") -> String {
        let alerts = labelSets.map { labels -> [String: Any] in
            ["status": status, "labels": labels, "annotations": ["summary": "written for a test"],
             "startsAt": "2025-06-15T15:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
             "generatorURL": "http://prometheus.test/graph",
             "fingerprint": labels.values.sorted().joined(separator: "-")]
        }
        let payload: [String: Any] = [
            "version": "4", "groupKey": "{}:{alertname=\"\(labelSets.first?["alertname"] ?? "")\"}",
            "status": status, "receiver": "runbook", "groupLabels": [:] as [String: String],
            "commonLabels": [:] as [String: String], "commonAnnotations": [:] as [String: String],
            "externalURL": "http://alertmanager.test", "alerts": alerts,
        ]
        let data = try! JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static let diskUsage = alertmanager([["alertname": "DiskUsageWarning", "app": "checkout-worker"]])

    /// A Sentry issue-alert webhook.
    static let sentry = """
        {"action":"triggered","data":{"event":{"title":"ZeroDivisionError: division by zero","issue_id":"4242",\
        "level":"error","culprit":"checkout.views.total","web_url":"https://sentry.test/issues/4242/",\
        "timestamp":1750000000},"triggered_rule":"Checkout errors"},"actor":{"type":"application","name":"Sentry"}}
        """

    /// A CloudWatch alarm as JSON text, for an SNS `Message`.
    static let cloudWatchAlarm = """
        {"AlarmName":"PostgresReplicationLag","AlarmDescription":"replica behind","NewStateValue":"ALARM",\
        "NewStateReason":"threshold crossed","StateChangeTime":"2025-06-15T15:00:00.000+0000","Region":"EU (Ireland)",\
        "AlarmArn":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:PostgresReplicationLag","OldStateValue":"OK",\
        "Trigger":{"MetricName":"ReplicaLag","Namespace":"AWS/RDS","Dimensions":[{"name":"DBInstanceIdentifier",\
        "value":"orders-replica"}]}}
        """
}

/// A certificate fetcher answering from memory, recording what it was asked for.
final class MemoryFetcher: CertificateFetcher {
    private let documents: [URL: Data]
    private let fetched = NIOLockedValueBox<[URL]>([])

    init(_ documents: [URL: Data] = [:]) {
        self.documents = documents
    }

    /// Every URL fetched, in order.
    var requests: [URL] {
        fetched.withLockedValue { $0 }
    }

    func fetch(_ url: URL) async throws -> Data {
        fetched.withLockedValue { $0.append(url) }
        guard let data = documents[url] else { throw URLError(.fileDoesNotExist) }
        return data
    }
}
