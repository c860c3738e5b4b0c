import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

extension IncidentsController {
    /// `POST /api/v1/incidents/{id}/entry` (operator): say which entry answers the incident, or that none does.
    ///
    /// Binds the incident's key (the next alert with it gets the entry before matching), re-matches the
    /// incident and records who chose on its timeline. 404 for an unknown incident; 422 for an entry id the
    /// library does not have, naming the nearest ids; 503 while the library is not loaded.
    func chooseEntry(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let token = try context.requireToken()
        let id = try Self.id(context)
        let choice = try await request.decodeJSON(as: EntryChoice.self, limit: bodyLimit)
        _ = try await APIError.mapping { try await store.incident(id: id) }
        let snapshot = library.current
        if let entryID = choice.entry {
            guard let snapshot else { throw APIError.libraryUnavailable() }
            guard snapshot.entry(id: entryID) != nil else {
                let nearest = EntryIDSuggestion.nearest(to: entryID, in: snapshot.library.entries.map(\.id))
                var detail = "no entry \(entryID) in library revision \(snapshot.revision.prefix(12))"
                if !nearest.isEmpty { detail += "; nearest: " + nearest.joined(separator: ", ") }
                throw APIError.unprocessable(detail, field: "entry")
            }
        }
        let chosen = try await APIError.mapping(field: "entry") {
            try await store.chooseEntry(incidentID: id, entryID: choice.entry, note: choice.note, by: token.name,
                                        at: now())
        }
        return try APIResponse.json(EntryChoiceResult(
            incident: chosen.incident, binding: BindingResource(chosen.binding, snapshot: snapshot)))
    }
}
