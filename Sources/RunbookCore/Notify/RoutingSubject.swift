import Foundation

/// What routes look at to decide where an incident goes: its labels, source, severity and matched document.
///
/// Built from an incident change inside the store, or from a decoded alert and its match by
/// `runbook routes test`, so both see the same routing.
public struct RoutingSubject: Sendable, Hashable {
    public var labels: [String: String]
    public var source: AlertSource
    /// Lowercased severity, when the source says it.
    public var severity: String?
    /// The matched entry's document (`services/payments-api.md`), nil when no entry matched.
    public var document: String?

    /// A subject from its parts; the severity is lowercased.
    public init(labels: [String: String], source: AlertSource, severity: String? = nil, document: String? = nil) {
        self.labels = labels
        self.source = source
        self.severity = severity?.lowercased()
        self.document = document
    }

    /// The subject of an incident change: the change's labels, the incident's source, severity and document.
    public init(_ change: IncidentChange) {
        self.init(
            labels: change.labels, source: change.incident.source, severity: change.incident.severity,
            document: change.document
        )
    }

    /// True for Runbook's own incidents (label `runbook="self"`), which go to the fallback channels.
    public var isSelf: Bool {
        labels["runbook"] == "self"
    }
}

extension RoutingSubject {
    /// The subject of a decoded alert whose best entry is `entryID` (nil when none matched confidently).
    public init(alert: Alert, entryID: String?) {
        self.init(
            labels: alert.labels, source: alert.source, severity: alert.severity,
            document: entryID.map { id in id.firstIndex(of: "#").map { String(id[..<$0]) } ?? id }
        )
    }
}
