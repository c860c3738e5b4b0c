import Foundation
import RunbookCore
import RunbookStore

/// Renders a claimed delivery into a `NotificationMessage` from the incident as stored now and the library.
public struct MessageRenderer: Sendable {
    /// Most lines of the Diagnosis a message quotes.
    static let diagnosisLines = 4
    /// Longest quoted line.
    static let lineLength = 300

    public let library: any NotificationLibrary
    public let consoleURL: URL?
    /// Signs the one-click acknowledge links; nil leaves them out.
    public let acknowledgeLinks: AcknowledgeLinks?

    /// A renderer reading entries from `library` and linking to `consoleURL`.
    public init(library: any NotificationLibrary, consoleURL: URL?, acknowledgeLinks: AcknowledgeLinks? = nil) {
        self.library = library
        self.consoleURL = consoleURL
        self.acknowledgeLinks = acknowledgeLinks
    }

    /// The message for `delivery`, reading its incident (and a digest's incidents) from `store`.
    public func render(
        _ delivery: OutboxDelivery, store: some IncidentStore, threadReference: String?, now: Date
    ) async throws -> NotificationMessage {
        let detail = try await store.incident(id: delivery.incidentID)
        let alerts = detail.alerts.filter { $0.retractedAt == nil }
        let labels = alerts.first?.alert.labels ?? [:]
        var message = NotificationMessage(
            deliveryID: delivery.id, idempotencyKey: delivery.idempotencyKey, kind: delivery.kind,
            route: delivery.route, incident: detail.incident,
            alerts: alerts.prefix(NotificationMessage.alertLimit).map(\.alert), labels: labels,
            entry: entrySummary(detail.incident, alerts: alerts, labels: labels),
            incidentURL: incidentURL(detail.incident.id), threadReference: threadReference,
            createdAt: delivery.createdAt, sentAt: now
        )
        if message.entry == nil, let matches = alerts.first(where: { !$0.matches.isEmpty })?.matches {
            message.candidates = EntryCandidate.candidates(from: matches, url: entryURL)
        }
        if detail.incident.state == .triggered, let consoleURL, let acknowledgeLinks {
            message.acknowledgeURL = acknowledgeLinks.url(console: consoleURL, incident: detail.incident.id, now: now)
        }
        if delivery.kind == .digest {
            let ids = delivery.digestIncidentIDs.isEmpty ? [delivery.incidentID] : delivery.digestIncidentIDs
            for id in ids.prefix(NotificationMessage.digestLimit) {
                let incident = id == detail.incident.id ? detail.incident : try await store.incident(id: id).incident
                message.digest.append(
                    DigestItem(incidentID: id, key: incident.key, title: incident.title, severity: incident.severity,
                               url: incidentURL(id))
                )
            }
            message.digestOmitted = max(0, ids.count - NotificationMessage.digestLimit)
        }
        return message
    }

    /// `consoleURL/incidents/<id>`.
    public func incidentURL(_ id: Int64) -> URL? {
        consoleURL.map { $0.appendingPathComponent("incidents").appendingPathComponent(String(id)) }
    }

    /// `consoleURL/runbooks/<file>#<anchor>`: the entry id as a path and fragment.
    public func entryURL(_ entryID: String) -> URL? {
        guard let consoleURL else { return nil }
        var base = consoleURL.absoluteString
        if !base.hasSuffix("/") { base += "/" }
        let parts = entryID.split(separator: "#", maxSplits: 1).map(String.init)
        let path = parts[0].addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? parts[0]
        var text = base + "runbooks/" + path
        if parts.count > 1 {
            text += "#" + (parts[1].addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? parts[1])
        }
        return URL(string: text)
    }

    private func entrySummary(_ incident: Incident, alerts: [StoredAlert], labels: [String: String]) -> EntrySummary? {
        guard let entryID = incident.entryID else { return nil }
        let matchedTitle = alerts.lazy.flatMap(\.matches).first { $0.entry == entryID }?.title
        guard let entry = library.entry(id: entryID) else {
            return EntrySummary(id: entryID, title: matchedTitle ?? entryID, url: entryURL(entryID),
                                confidence: incident.score)
        }
        let filled = entry.filled(from: labels)
        let diagnosisText = filled.part(.diagnosis)?.text ?? filled.text
        let diagnosis = diagnosisText.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .prefix(Self.diagnosisLines)
            .map { String($0.prefix(Self.lineLength)) }
        let leading = filled.leadingCommand
        return EntrySummary(
            id: entryID, title: entry.title, url: entryURL(entryID), confidence: incident.score,
            diagnosis: Array(diagnosis), command: leading?.lines.first, commands: leading?.lines ?? [],
            block: leading?.text
        )
    }
}
