import Crypto
import Foundation
import RunbookCore

/// A match list as stored once for every alert that has it: the matches with their evidence, the library revision
/// they were computed against, their JSON text, and the digest of both that names the set.
///
/// Alerts of one key under one library revision nearly always carry the same list, and it is most of an alert's
/// size; stores keep each distinct set once (`matchSets`) and each alert refers to its set. The digest covers the
/// text itself, not only the key and revision: an operator's binding or labels read by the matcher may give two
/// alerts of one key different lists, and each keeps its own.
///
/// ```swift
/// let set = try MatchSet(matches: matches, libraryRevision: snapshot.revision)
/// let stored = IngestAlert(alert: alert, key: key, matchSet: set)
/// ```
public struct MatchSet: Sendable, Hashable {
    public let matches: [Match]
    public let libraryRevision: String?
    /// The matches as stored (`JSONEncoder` with sorted keys would write the same bytes).
    public let json: String
    /// Lowercase hex SHA-256 of the revision and the JSON text; unique in `matchSets`.
    public let digest: String

    /// The set of `matches` computed against `libraryRevision`; throws on a score or weight that is not finite.
    public init(matches: [Match], libraryRevision: String?) throws {
        self.matches = matches
        self.libraryRevision = libraryRevision
        json = try SQLiteHotPath.json(matches)
        var hasher = SHA256()
        hasher.update(data: Data((libraryRevision ?? "").utf8))
        hasher.update(data: [0])
        hasher.update(data: Data(json.utf8))
        digest = SecretHash.hex(hasher.finalize())
    }

    /// Whether this set stands for `matches` under `revision` (then a store may use its text and digest as they are).
    func holds(_ matches: [Match], revision: String?) -> Bool {
        libraryRevision == revision && self.matches == matches
    }
}
