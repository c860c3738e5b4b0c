import GRDB
import RunbookCore

/// What one write transaction of the ingest writer already knows, so that it is not read again for every alert: the
/// newest open incident of each group (one group commit files most of its alerts under a few incidents, and looking
/// each one up again, a query and a row decoded per alert, was a visible share of the writer's time), and the row id
/// of each match set it stored or looked up (the alerts of a fleet share a few sets).
///
/// Lives for one write transaction of the ingest writer, which is the only writer of `incidents` and `matchSets`
/// while it runs, so what it holds is what the database holds. Anything it cannot vouch for is dropped and read
/// again: an incident written that is not the one it holds for its group, and one that resolved or whose opening time
/// moved. A request that fails takes the whole transaction down, and the memo with it (`SQLiteIngestWriter.commit`).
///
/// It also holds what is written once at the end of the transaction (`SQLiteIngestWriter`), not once per alert or per
/// request: the incidents whose last sighting and alert counts alone moved (an alert joining an open incident), each
/// read meanwhile in its unsaved form (`current`), and the links of alert rows to their payloads. A batch of 1-alert
/// requests joining one incident then writes its row once, and its links in one statement. The timeline events of the
/// transaction wait here too, in their order, and are written together before anything else writes or updates the
/// timeline (`takeTimeline`), and at the end: a 100-alert request's events take 4 statements instead of 100.
final class IngestTransactionMemo {
    private var incidents: [String: Incident] = [:]
    private var matchSetIDs: [String: Int64] = [:]
    private var unsavedCounts: [Int64: Incident] = [:]
    private var links: [(alertID: Int64, payloadID: Int64)] = []
    private var timeline: [TimelineEvent] = []

    private static func key(source: AlertSource, groupKey: String) -> String {
        source.rawValue + "\u{0}" + groupKey
    }

    /// `Incident.open(source:groupKey:)`, from the memo when this transaction already knows the answer.
    func open(source: AlertSource, groupKey: String, _ db: Database) throws -> Incident? {
        let key = Self.key(source: source, groupKey: groupKey)
        if let known = incidents[key] { return known }
        let found = try current(Incident.open(source: source, groupKey: groupKey, db))
        incidents[key] = found
        return found
    }

    /// `incident` as read from the database, or its unsaved form when its counts moved in this request.
    func current(_ incident: Incident?) -> Incident? {
        incident.map { unsavedCounts[$0.id] ?? $0 }
    }

    /// Keeps `incident`, whose last sighting and counts alone moved since it was read, for the end of the transaction.
    func deferCounts(_ incident: Incident) {
        unsavedCounts[incident.id] = incident
    }

    /// Records that `incident` was written whole: nothing of it is left to save.
    func saved(_ incident: Incident) {
        unsavedCounts[incident.id] = nil
    }

    /// The incidents whose counts are still to be written, by id; the memo forgets them.
    func takeUnsavedCounts() -> [Incident] {
        defer { unsavedCounts.removeAll() }
        return unsavedCounts.values.sorted { $0.id < $1.id }
    }

    /// Keeps the links of a request's alert rows to its payload for the end of the transaction.
    func link(alertIDs: [Int64], payloadID: Int64) {
        links.reserveCapacity(links.count + alertIDs.count)
        for alertID in alertIDs { links.append((alertID, payloadID)) }
    }

    /// The links kept, in the order they were made; the memo forgets them.
    func takeLinks() -> [(alertID: Int64, payloadID: Int64)] {
        defer { links.removeAll() }
        return links
    }

    /// Keeps timeline events to be written after those kept before them.
    func append(_ events: [TimelineEvent]) {
        timeline.append(contentsOf: events)
    }

    /// The timeline events kept, in their order; the memo forgets them. The caller writes them before anything else
    /// writes, updates or reads the timeline, so that its rows stay in the order the events were made and the
    /// transaction sees every one of them.
    func takeTimeline() -> [TimelineEvent] {
        defer { timeline.removeAll(keepingCapacity: true) }
        return timeline
    }

    /// Records that `incident` was just inserted or updated.
    func wrote(_ incident: Incident) {
        let key = Self.key(source: incident.source, groupKey: incident.groupKey)
        guard let held = incidents[key] else { return }
        if held.id == incident.id, incident.state != .resolved, incident.openedAt == held.openedAt {
            incidents[key] = incident
        } else if held.id == incident.id || incident.state != .resolved {
            // The held one resolved or moved, or another one of its group is open now: read it again.
            incidents[key] = nil
        }
    }

    /// `set.sqliteID(db)`, from the memo when this transaction already stored or looked up its digest.
    func matchSetID(_ set: MatchSet, _ db: Database) throws -> Int64 {
        if let known = matchSetIDs[set.digest] { return known }
        let id = try set.sqliteID(db)
        matchSetIDs[set.digest] = id
        return id
    }
}
