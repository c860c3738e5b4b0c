import Foundation
import RunbookCore

/// A binding as the API shows it: the stored choice, and whether the current library still has its entry.
struct BindingResource: Codable, Sendable, Equatable {
    var key: String
    /// The chosen entry; null when the operator said no entry fits.
    var entry: String?
    var note: String?
    var createdBy: String
    var createdAt: Date
    /// `chosen by ana on 2026-12-01`: the evidence matches carry.
    var chosenBy: String
    /// True when the current library has no entry with this id (removed or renamed): the binding is not applied,
    /// and alerts of its key are matched as if it did not exist.
    var stale: Bool

    init(_ binding: Binding, snapshot: LibrarySnapshot?) {
        key = binding.key
        entry = binding.entryID
        note = binding.note
        createdBy = binding.createdBy
        createdAt = binding.createdAt
        chosenBy = binding.chosenBy
        stale = binding.entryID.map { id in snapshot.map { $0.entry(id: id) == nil } ?? false } ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case key, entry, note, createdBy, createdAt, chosenBy, stale
    }

    /// Writes `entry` as `null` when no entry fits, rather than leaving it out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(entry, forKey: .entry)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(chosenBy, forKey: .chosenBy)
        try container.encode(stale, forKey: .stale)
    }
}
