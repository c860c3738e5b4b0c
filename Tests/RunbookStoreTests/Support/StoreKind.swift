import Foundation
import Testing
import RunbookStore

/// Every store implementation the contract suite runs against; each opens a fresh store in a temp folder.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite

    var testDescription: String { rawValue }

    /// A new, empty place for a store's data.
    func makeLocation() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runbook-store-tests", isDirectory: true)
            .appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Opens the store kept at `location`, creating it when new.
    func open(at location: URL, configuration: StoreConfiguration = StoreConfiguration()) throws -> any Store {
        switch self {
        case .sqlite: try SQLiteStore(path: location.appendingPathComponent("runbook.sqlite").path,
                                      configuration: configuration)
        }
    }

    /// Runs `body` on a fresh store, then closes it and deletes its data.
    func withStore<T>(
        configuration: StoreConfiguration = StoreConfiguration(), _ body: (any Store) async throws -> T
    ) async throws -> T {
        let location = try makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let store = try open(at: location, configuration: configuration)
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
