import Foundation
import GRDB
import Testing

@testable import RunbookStore

struct StorePermissionsTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
    }

    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("runbook-modes-\(UUID())").path
    }

    @Test
    func aNewDataFolderIsPrivateAndSoAreTheDatabaseAndItsJournals() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/runbook.sqlite"
        #expect(try SQLiteStore.securePermissions(folder: folder, database: database) == [])
        let store = try SQLiteStore(path: database)
        try await store.probe(at: Date())
        #expect(try Self.mode(folder) == 0o700)
        for path in [database, database + "-wal", database + "-shm"] {
            #expect(try Self.mode(path) == 0o600, "\(path)")
        }
        try await store.close()
    }

    @Test
    func anExistingOpenFolderAndDatabaseAreTightenedAndReported() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/runbook.sqlite"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        let store = try SQLiteStore(path: database)
        try await store.probe(at: Date())
        try await store.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database)
        let tightened = try SQLiteStore.securePermissions(folder: folder, database: database)
        #expect(tightened.first == folder)
        #expect(tightened.contains(database))
        #expect(try Self.mode(folder) == 0o700)
        #expect(try Self.mode(database) == 0o600)
    }

    @Test
    func aFullDiskIsClassifiedAsStorageFull() {
        #expect(StoreUnavailable(classifying: DatabaseError(resultCode: .SQLITE_FULL))?.reason == .full)
        #expect(StoreUnavailable(classifying: DatabaseError(resultCode: .SQLITE_CONSTRAINT)) == nil)
        #expect(StoreUnavailable(classifying: StoreUnavailable(.overloaded(limit: 3)))?.reason == .overloaded(limit: 3))
    }
}
