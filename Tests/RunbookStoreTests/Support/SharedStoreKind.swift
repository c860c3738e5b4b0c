import Foundation
import RunbookCore
import RunbookStore
import Testing

/// What the contract tests shared by every engine use: the part of `Store` that PostgreSQL implements so far (issue
/// 11): ingestion, incidents by id and the operator's actions on them, API tokens, silences. Once `PostgresStore` is
/// a whole `Store`, these tests move back to `StoreKind`.
protocol SharedContractStore: IngestStore, TokenStore, SilenceStore {
    func incident(id: Int64) async throws -> IncidentDetail
    func payloads(alertID: Int64) async throws -> [StoredPayload]
    func openIncidentCount() async throws -> Int
    func acknowledge(incidentID: Int64, by actor: String, at: Date) async throws -> Incident
    func addNote(incidentID: Int64, text: String, by actor: String, at: Date) async throws -> TimelineEvent
    func resolve(incidentID: Int64, by actor: String, at: Date) async throws -> Incident
    func reopen(incidentID: Int64, by actor: String, at: Date) async throws -> Incident
    func close() async throws
}

extension SQLiteStore: SharedContractStore {}
extension PostgresStore: SharedContractStore {}

/// Every engine the shared contract runs on. PostgreSQL is left out when `PostgresTestDatabase` is neither set
/// nor required (its own suite says why); under CI without it, its cases run and fail.
enum SharedStoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var allCases: [SharedStoreKind] {
        PostgresTestDatabase.enabled ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }

    /// Runs `body` on a fresh store of this kind, then closes it.
    func withStore<T>(
        configuration: StoreConfiguration = StoreConfiguration(), _ body: (any SharedContractStore) async throws -> T
    ) async throws -> T {
        switch self {
        case .sqlite:
            let location = try StoreKind.sqlite.makeLocation()
            defer { try? FileManager.default.removeItem(at: location) }
            let store = try SQLiteStore(
                path: location.appendingPathComponent("runbook.sqlite").path, configuration: configuration)
            return try await Self.run(store) { try await body($0) }
        case .postgres:
            let store = try await PostgresStore.open(
                PostgresTestDatabase.makeLocation(), configuration: configuration, logger: PostgresTestDatabase.logger)
            return try await Self.run(store) { try await body($0) }
        }
    }

    /// Runs `body` on `store`, then closes it, whether `body` threw or not.
    static func run<Store: SharedContractStore, T>(
        _ store: Store, _ body: (Store) async throws -> T
    ) async throws -> T {
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
