import RunbookCore

/// `POST /api/v1/incidents/{id}/entry` body: `{"entry": "<entry id>" | null, "note": "…"}`.
///
/// `entry` must be present: an id chooses that entry, `null` says no entry fits. A body without it is refused,
/// so that a typo in the field name cannot unbind a key.
struct EntryChoice: Decodable, Sendable {
    var entry: String?
    var note: String?

    private enum CodingKeys: String, CodingKey {
        case entry, note
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.entry) else {
            throw APIError.badRequest(
                "give the entry: {\"entry\": \"<file>#<anchor>\"}, or {\"entry\": null} when no entry fits",
                field: "entry")
        }
        entry = try container.decodeIfPresent(String.self, forKey: .entry)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}

/// `POST /api/v1/incidents/{id}/entry` answer: the incident re-matched, and the binding its key now has.
struct EntryChoiceResult: Encodable, Sendable {
    var incident: Incident
    var binding: BindingResource
}
