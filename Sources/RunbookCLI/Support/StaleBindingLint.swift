import ArgumentParser
import Foundation
import RunbookCore
import RunbookStore

/// `runbook lint --data DIR`: the bindings in the server's database whose entry the library lacks, as findings.
enum StaleBindingLint {
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
