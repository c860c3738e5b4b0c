import Foundation

/// Silences (a later issue): the shape the router will need, not yet implemented.
///
/// During a silence, matching incidents are recorded (with a `silenced` timeline event) but not notified.
public protocol SilenceStore: Sendable {
    /// Stores a new silence and returns it with its id.
    func addSilence(_ silence: Silence) async throws -> Silence

    /// Silences in force at `date`, or every stored one when nil.
    func silences(activeAt date: Date?) async throws -> [Silence]

    /// Ends a silence early.
    func expireSilence(id: Int64, by actor: String, at: Date) async throws
}
