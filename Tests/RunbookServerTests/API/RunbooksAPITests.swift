import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import RunbookCore
import Testing

@testable import RunbookServer

struct RunbooksAPITests {
    @Test
    func listingShowsDocumentsEntriesAndParts() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/runbooks", as: .viewer)
            #expect(reply.status == .ok)
            let listing = try reply.decode(RunbooksController.Listing.self)
            #expect(listing.revision == "rev-1")
            #expect(listing.documents.map(\.file) == ["team/oncall.md"])
            let disk = try #require(listing.documents.first?.entries.first { $0.id == APIHarness.diskFullID })
            #expect(disk.parts == [.diagnosis, .mitigation])
            #expect(listing.entryCount == listing.documents.flatMap(\.entries).count)
        }
    }

    @Test
    func anEntryIsFilledFromLabelParameters() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let uri = "/api/v1/runbooks/entry?id=team%2Foncall.md%23highlatency-checkout"
                + "&label.namespace=shop&label.service=checkout"
            let reply = try await api.send(.get, uri, as: .viewer)
            #expect(reply.status == .ok)
            let entry = try reply.decode(FilledEntry.self)
            #expect(entry.title == "HighLatency checkout")
            #expect(entry.commands.first?.text == "kubectl -n shop scale deploy/checkout --replicas=6")
            #expect(entry.unfilled.isEmpty)
            let bare = try await api.send(.get, "/api/v1/runbooks/entry?id=team%2Foncall.md%23diskfull", as: .viewer)
            #expect(try bare.decode(FilledEntry.self).unfilled.map(\.name).contains("INSTANCE"))
        }
    }

    @Test
    func aMissingOrUnknownEntryIdIsAClientError() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let missing = try await api.send(.get, "/api/v1/runbooks/entry", as: .viewer)
            #expect(missing.status == .badRequest)
            #expect(try missing.error().field == "id")
            let unknown = try await api.send(.get, "/api/v1/runbooks/entry?id=nope.md%23x", as: .viewer)
            #expect(unknown.status == .notFound)
        }
    }

    /// `?id=team/oncall.md#diskfull` unencoded: the client sends no fragment, so the server sees only the document.
    @Test
    func aDocumentIdWithoutItsAnchorSaysToWriteTheHashAsPercent23() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/runbooks/entry?id=team%2Foncall.md", as: .viewer)
            #expect(reply.status == .notFound)
            let error = try reply.error()
            #expect(error.detail.contains("must be written %23"), "\(error.detail)")
            #expect(error.detail.contains("?id=team/oncall.md%23<anchor>"))
            #expect(error.field == "id")
        }
    }

    @Test
    func searchRanksEntriesForWords() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/runbooks/search?q=disk+full&limit=1", as: .viewer)
            #expect(reply.status == .ok)
            let results = try reply.decode(RunbooksController.SearchResults.self)
            #expect(results.query == "disk full")
            #expect(results.results.map(\.entry) == [APIHarness.diskFullID])
            let empty = try await api.send(.get, "/api/v1/runbooks/search?q=+", as: .viewer)
            #expect(try empty.error().field == "q")
        }
    }

    @Test
    func lintReportsTheSnapshotsFindings() async throws {
        let harness = try await APIHarness.make()
        let expected = try #require(harness.library.current?.findings)
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/runbooks/lint", as: .viewer)
            #expect(reply.status == .ok)
            let report = try reply.decode(RunbooksController.LintResults.self)
            #expect(report.findings == expected)
            #expect(report.errors == expected.filter { $0.severity == .error }.count)
        }
    }

    @Test
    func reloadPublishesTheNewRevisionAndAFailureKeepsTheOldOne() async throws {
        let harness = try await APIHarness.make()
        let broken = NIOLockedValueBox(false)
        let holder = harness.library
        let reload: @Sendable () throws -> LibrarySnapshot = {
            if broken.withLockedValue({ $0 }) {
                throw RunbookFolders.ReadError(description: "runbooks/team/huge.md is 9000000 bytes; the limit is 8")
            }
            let snapshot = APIHarness.snapshot(revision: "2", extra: "\n## NewEntry\n\nText.\n")
            holder.replace(with: snapshot)
            return snapshot
        }
        try await harness.run(reload: reload) { api in
            #expect(try await api.send(.post, "/api/v1/runbooks/reload", as: .viewer).status == .forbidden)
            let reply = try await api.send(.post, "/api/v1/runbooks/reload", as: .operator)
            #expect(reply.status == .ok)
            let reloaded = try reply.decode(RunbooksController.Reloaded.self)
            #expect(reloaded.revision == "rev-2")
            #expect(reloaded.previousRevision == "rev-1")
            #expect(reloaded.entryCount == 4)
            broken.withLockedValue { $0 = true }
            let failed = try await api.send(.post, "/api/v1/runbooks/reload", as: .operator)
            #expect(failed.status == .unprocessableContent)
            #expect(try failed.error().detail.contains("runbooks/team/huge.md"))
            let listing = try await api.send(.get, "/api/v1/runbooks", as: .viewer)
            #expect(try listing.decode(RunbooksController.Listing.self).revision == "rev-2")
        }
    }

    @Test
    func reloadGoesThroughTheServersLibraryWatcher() async throws {
        let harness = try await APIHarness.make()
        let watcher = LibraryWatcher(
            source: FixedSource(snapshot: APIHarness.snapshot(revision: "watched")), holder: harness.library,
            interval: .zero, logger: Logger(label: "api-test") { _ in SwiftLogNoOpLogHandler() },
            metrics: RunbookMetrics(factory: MetricsExporter().factory)
        )
        var dependencies = harness.dependencies()
        dependencies.services = [watcher]
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            let api = APIClient(client: client, secrets: harness.secrets)
            let reply = try await api.send(.post, "/api/v1/runbooks/reload", as: .operator)
            #expect(reply.status == .ok)
            #expect(try reply.decode(RunbooksController.Reloaded.self).revision == "rev-watched")
        }
        #expect(harness.library.current?.revision == "rev-watched")
        try await harness.close()
    }

    @Test
    func beforeTheLibraryLoadsRunbookReadsAnswer503() async throws {
        let harness = try await APIHarness.make()
        var dependencies = harness.dependencies()
        dependencies.library = LibraryHolder()
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            let api = APIClient(client: client, secrets: harness.secrets)
            for uri in ["/api/v1/runbooks", "/api/v1/runbooks/lint", "/api/v1/runbooks/search?q=disk"] {
                let reply = try await api.send(.get, uri, as: .viewer)
                #expect(reply.status == .serviceUnavailable)
                #expect(try reply.error().error == "library_unavailable")
            }
        }
        try await harness.close()
    }

    @Test
    func reloadWithoutASourceIsAConflict() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api async throws in
            #expect(try await api.send(.post, "/api/v1/runbooks/reload", as: .operator).status == .conflict)
        }
    }
}

/// A library source that always loads the same snapshot.
private struct FixedSource: RunbookSource {
    let snapshot: LibrarySnapshot

    func fingerprint() throws -> String { snapshot.revision }
    func load() throws -> LibrarySnapshot { snapshot }
}
