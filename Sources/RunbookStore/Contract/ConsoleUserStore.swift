import Foundation

/// Local users of the web console (`runbook users add`), apart from `Store` so that an engine may add them later.
public protocol ConsoleUserStore: Sendable {
    /// Creates a user; a taken name is `StoreError.duplicate`, a malformed one `StoreError.invalid`.
    func addConsoleUser(_ user: ConsoleUser) async throws

    /// The user with this name, nil when there is none.
    func consoleUser(named name: String) async throws -> ConsoleUser?

    /// Every user, by name.
    func consoleUsers() async throws -> [ConsoleUser]

    /// Deletes a user: they can no longer sign in (sessions already open last until they expire or sign out).
    func removeConsoleUser(name: String) async throws
}
