import Foundation
import RunbookCore

/// The runbook library read from folders on disk: parsed with `Library(folders:)` and indexed.
public struct FolderRunbookSource: RunbookSource {
    let folders: RunbookFolders
    let now: @Sendable () -> Date

    /// A source over `folders`; `now` stamps each snapshot's load time.
    public init(folders: RunbookFolders, now: @escaping @Sendable () -> Date = { Date() }) {
        self.folders = folders
        self.now = now
    }

    public func fingerprint() throws -> String {
        try folders.fingerprint()
    }

    public func load() throws -> LibrarySnapshot {
        let contents = try folders.read()
        let library = Library(folders: contents.libraryFolders)
        return LibrarySnapshot(library: library, findings: [], revision: contents.revision, loadedAt: now())
    }
}
