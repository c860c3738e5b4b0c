/// Where the runbook library comes from: folders on disk in production, fixed values in tests.
public protocol RunbookSource: Sendable {
    /// A cheap value that changes whenever the library does.
    func fingerprint() throws -> String
    /// Reads and builds the whole library: parsed, indexed and linted.
    func load() throws -> LibrarySnapshot
}
