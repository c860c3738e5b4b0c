import ArgumentParser
import Foundation
import Logging
import RunbookCore
import RunbookStore

/// `runbook lint --data DIR` or `--database URL`: the bindings in the server's database whose entry the library
/// lacks, as findings.
enum StaleBindingLint {
    /// The stale bindings of the SQLite database in the data folder `data`.
    static func findings(data: String, library: Library) async throws -> [Finding] {
        let path = data.hasSuffix("/") ? data + "runbook.sqlite" : data + "/runbook.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("--data \(data) holds no runbook.sqlite: give the folder `runbook serve` uses")
        }
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: path)
        } catch {
            throw ValidationError("cannot open the database \(path): \(error)")
        }
        return try await findings(in: store, library: library)
    }

    /// The stale bindings of the PostgreSQL database at `url` (`postgres://…`, as `runbook serve --database`).
    static func findings(database url: String, library: Library) async throws -> [Finding] {
        let store: PostgresStore
        do {
            let location = try PostgresLocation(url: url)
            store = try await PostgresStore.open(location, poolSize: 1, logger: Logger(label: "runbook.lint"))
        } catch let error as StoreError {
            throw ValidationError("--database: \(error.message)")
        } catch {
            throw ValidationError("cannot open the database: \(error)")
        }
        return try await findings(in: store, library: library)
    }

    /// The stale bindings of `store`, which it closes.
    private static func findings(in store: some Store, library: Library) async throws -> [Finding] {
        let bindings: [Binding]
        do {
            bindings = try await store.bindings()
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        let ids = library.entries.map(\.id)
        let known = Set(ids)
        return BindingRule.stale(bindings) { known.contains($0) }.map { binding in
            LintRule.staleBindingFinding(
                binding, nearest: EntryIDSuggestion.nearest(to: binding.entryID ?? "", in: ids))
        }
    }
}
