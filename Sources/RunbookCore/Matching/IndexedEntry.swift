/// What the index keeps of an entry besides its postings: enough to name it in a match.
struct IndexedEntry: Sendable, Hashable {
    var id: String
    var title: String
    /// The document's path relative to its library folder.
    var file: String
    var anchor: String
    /// Index of the document in the library, to tell entries of one document from another's cheaply.
    var document: Int
    /// Index of the enclosing entry, if any.
    var parent: Int?
}
