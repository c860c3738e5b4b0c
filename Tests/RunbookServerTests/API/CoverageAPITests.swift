import Foundation
import RunbookCore
import Testing

@testable import RunbookServer

struct CoverageAPITests {
    @Test
    func uncoveredKeysComeWithCountsCandidatesAndAStubThatParsesAsAnEntry() async throws {
        let harness = try await APIHarness.make()
        let alert = APIHarness.alert("KafkaConsumerLag", instance: "broker3")
        try await harness.ingest([alert], at: 0)
        try await harness.ingest([alert], at: 30)
        try await harness.ingest([APIHarness.alert("DiskFull")], at: 60)
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/coverage", as: .viewer)
            #expect(reply.status == .ok)
            let report = try reply.decode(CoverageController.Report.self)
            #expect(report.threshold == 0.5)
            let item = try #require(report.keys.first)
            #expect(report.keys.count == 1)
            #expect(item.key == AlertKey.key(for: alert))
            #expect(item.count == 2)
            #expect(item.firstSeen == APIHarness.start)
            #expect(item.lastSeen == APIHarness.start.addingTimeInterval(30))
            let library = Library(folders: [LibraryFolder(name: "new", files: [
                SourceFile(path: "stub.md", contents: item.stub),
            ])])
            let entry = try #require(library.entries.first)
            #expect(entry.title == item.key)
            #expect(entry.parts.map(\.kind) == [.diagnosis, .mitigation])
        }
    }

    @Test
    func aBadThresholdIs400() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let reply = try await api.send(.get, "/api/v1/coverage?threshold=2", as: .viewer)
            #expect(reply.status == .badRequest)
            #expect(try reply.error().field == "threshold")
        }
    }
}
