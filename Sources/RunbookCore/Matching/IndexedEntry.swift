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
    /// The entry's other headings (see `ServiceScope`).
    var aliases: [String] = []
    /// The title of the nearest ancestor that is not a document's top heading (a product's section under
    /// `# Products`), which may name the service the entry is for (see `ServiceScope`).
    var section: String?
}
