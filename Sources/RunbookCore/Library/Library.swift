/// A runbook library: the documents of one or more folders.
///
/// Entry ids are relative to the folder a document was found in. When two
/// folders hold the same relative path, the later one's ids are prefixed with
/// its folder name so that every id stays unique.
public struct Library: Sendable, Hashable, Codable {
    public var documents: [Document]

    public init(documents: [Document]) {
        self.documents = documents
    }

    /// Every entry of every document, in document then source order.
    public var entries: [Entry] {
        documents.flatMap(\.entries)
    }
}
