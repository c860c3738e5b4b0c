import Foundation
import RunbookStore
import Testing

/// Every store implementation the contract suite runs against; each opens a fresh store of its own.
///
/// PostgreSQL is left out when `PostgresTestDatabase` is neither set nor required (its own suite says why); under CI
/// without it, its cases run and fail.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var allCases: [StoreKind] {
        PostgresTestDatabase.enabled ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }

    /// A new, empty place for a store's data: a folder, which for PostgreSQL names the store's schema.
    func makeLocation() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runbook-store-tests", isDirectory: true)
            .appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Opens the store kept at `location`, creating it when new.
    func open(at location: URL, configuration: StoreConfiguration = StoreConfiguration()) async throws -> any Store {
        switch self {
        case .sqlite:
            return try SQLiteStore(
                path: location.appendingPathComponent("runbook.sqlite").path, configuration: configuration)
        case .postgres:
            return try await PostgresTestDatabase.open(
                PostgresTestDatabase.location(named: location.lastPathComponent), configuration: configuration)
        }
    }

    /// Runs `body` on a fresh store, then closes it and deletes its data.
    func withStore<T>(
        configuration: StoreConfiguration = StoreConfiguration(), _ body: (any Store) async throws -> T
    ) async throws -> T {
        let location = try makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        return try await Self.run(try await open(at: location, configuration: configuration), body)
    }

    /// Runs `body` on `store`, then closes it, whether `body` threw or not.
    static func run<Store: RunbookStore.Store, T>(_ store: Store, _ body: (Store) async throws -> T) async throws -> T {
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
