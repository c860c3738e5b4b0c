import Foundation
import RunbookCore

/// The runbook library read from folders on disk: parsed with `Library(folders:)`, indexed and linted.
public struct FolderRunbookSource: RunbookSource {
    let folders: RunbookFolders
    let linter: Linter
    let now: @Sendable () -> Date

    /// A source over `folders`; `now` stamps each snapshot's load time.
    public init(folders: RunbookFolders, linter: Linter = Linter(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.folders = folders
        self.linter = linter
        self.now = now
    }

    public func fingerprint() throws -> String {
        try folders.fingerprint()
    }

    public func load() throws -> LibrarySnapshot {
        let contents = try folders.read()
        let library = Library(folders: contents.libraryFolders)
        let findings = linter.lint(library, existingFiles: contents.existingFiles)
        return LibrarySnapshot(library: library, findings: findings, revision: contents.revision, loadedAt: now())
    }
}
