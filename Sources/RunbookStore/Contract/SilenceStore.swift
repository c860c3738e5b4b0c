import Foundation
import RunbookCore

/// Silences: while one is in force, matching incidents are recorded (with a `silenced` timeline event naming
/// it) but not notified.
public protocol SilenceStore: Sendable {
    /// Stores a new silence and returns it with its id.
    func addSilence(_ silence: Silence) async throws -> Silence

    /// Silences in force at `date`, or every stored one (newest first) when nil.
    func silences(activeAt date: Date?) async throws -> [Silence]

    /// Ends a silence at `at`, recording who did; throws `StoreError` for an unknown id or one already over.
    func expireSilence(id: Int64, by actor: String, at: Date) async throws -> Silence
}
