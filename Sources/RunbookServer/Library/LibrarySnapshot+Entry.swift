import RunbookCore

extension LibrarySnapshot {
    /// The entry with this id, nil when this revision has none.
    public func entry(id: String) -> Entry? {
        library.documents.lazy.flatMap(\.entries).first { $0.id == id }
    }
}
