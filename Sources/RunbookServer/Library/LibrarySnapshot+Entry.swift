import RunbookCore

extension LibrarySnapshot {
    /// The entry with this id, nil when this revision has none: one dictionary lookup, the index being built with
    /// the snapshot.
    public func entry(id: String) -> Entry? {
        entriesByID[id]
    }
}
