import Foundation

/// What every check needs to know about the library, computed once per lint run.
struct LintContext: Sendable {
    let library: Library
    let configuration: LintConfiguration
    /// Files known to exist: the caller's list plus every document.
    let knownFiles: Set<String>
    /// Folders that hold at least one known file.
    let knownFolders: Set<String>
    /// False when the caller listed no files: only Markdown targets can then be checked.
    let knowsAllFiles: Bool
    let documentsByFile: [String: Document]
    /// Lowercased anchors each document defines: heading slugs and HTML `id`/`name` attributes.
    let anchorsByFile: [String: Set<String>]
    /// Child entries of each entry that has some, by entry id.
    let childrenByParent: [String: [Entry]]

    init(library: Library, existingFiles: Set<String>, configuration: LintConfiguration) {
        self.library = library
        self.configuration = configuration
        knownFiles = existingFiles.union(library.documents.map(\.file))
        knowsAllFiles = !existingFiles.isEmpty
        var folders: Set<String> = []
        for file in knownFiles {
            var components = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            while !components.isEmpty {
                folders.insert(components.joined(separator: "/"))
                components = components.dropLast()
            }
        }
        knownFolders = folders
        documentsByFile = Dictionary(library.documents.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        anchorsByFile = documentsByFile.mapValues(Self.anchors(of:))
        let children = library.entries.filter { $0.parentID != nil }
        childrenByParent = Dictionary(grouping: children, by: { $0.parentID ?? "" })
    }

    /// Whether the entry holds other entries.
    func hasChildren(_ entry: Entry) -> Bool {
        childrenByParent[entry.id] != nil
    }

    /// The entries directly under the entry.
    func children(of entry: Entry) -> [Entry] {
        childrenByParent[entry.id] ?? []
    }

    /// Heading anchors plus explicit HTML anchors (`<a name="x">`, `<span id="x">`) outside code blocks.
    static func anchors(of document: Document) -> Set<String> {
        var anchors = Set(document.headings.map { $0.anchor.lowercased() })
        let codeLines = CodeLines(document)
        for (index, line) in document.lines.enumerated() where line.contains("<") && !codeLines.contains(index + 1) {
            anchors.formUnion(HTMLAnchors.names(in: line))
        }
        return anchors
    }
}
