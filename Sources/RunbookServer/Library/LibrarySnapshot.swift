import Foundation
import RunbookCore

/// One immutable, fully built state of the runbook library: the documents, their match index, lint findings and
/// the content hash they were built from.
///
/// A snapshot is built completely before it is published, and never changes after, so a request that took one
/// reads a consistent library however many reloads happen meanwhile.
public struct LibrarySnapshot: Sendable {
    public let library: Library
    public let index: MatchIndex
    public let findings: [Finding]
    /// SHA-256 over every file's path and contents: the same files always give the same revision.
    public let revision: String
    public let loadedAt: Date
    /// Every entry by its id, built once with the snapshot; the first entry wins should two share an id.
    let entriesByID: [String: Entry]

    /// A snapshot indexing `library`.
    public init(library: Library, findings: [Finding], revision: String, loadedAt: Date) {
        self.library = library
        self.index = MatchIndex(library: library)
        self.findings = findings
        self.revision = revision
        self.loadedAt = loadedAt
        self.entriesByID = Dictionary(
            library.documents.lazy.flatMap(\.entries).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }
        )
    }

    /// The number of entries indexed.
    public var entryCount: Int {
        index.entryCount
    }
}
