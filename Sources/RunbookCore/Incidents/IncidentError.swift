/// A transition an operator asked for that the incident's state does not allow.
///
/// Always the client's fault: the message says what to do instead.
public struct IncidentError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Reason: Sendable, Hashable {
        case resolved, emptyNote
    }

    private let reason: Reason
    public let incidentID: Int64

    /// Acknowledging a resolved incident: reopen it first.
    public static func resolved(_ incidentID: Int64) -> IncidentError {
        IncidentError(reason: .resolved, incidentID: incidentID)
    }

    /// A note with no text.
    public static func emptyNote(_ incidentID: Int64) -> IncidentError {
        IncidentError(reason: .emptyNote, incidentID: incidentID)
    }

    /// True when the incident's state is in the way (not the request's content).
    public var isStateConflict: Bool {
        reason == .resolved
    }

    public var description: String {
        switch reason {
        case .resolved: "incident \(incidentID) is resolved; reopen it before acknowledging it"
        case .emptyNote: "a note on incident \(incidentID) needs some text"
        }
    }
}
