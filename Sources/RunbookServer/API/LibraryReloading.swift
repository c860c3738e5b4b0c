/// Something that reloads the runbook library on request and publishes it: the server's `LibraryWatcher`.
///
/// `POST /api/v1/runbooks/reload` finds it among the server's services, so that a reload goes through the same
/// watcher (and the same metrics and logs) as the polling.
public protocol LibraryReloading: Sendable {
    /// Loads the library now and publishes it; on failure the previous one stays and the error is thrown.
    func reload() throws -> LibrarySnapshot
}

extension LibraryWatcher: LibraryReloading {}
