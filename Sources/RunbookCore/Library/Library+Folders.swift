extension Library {
    /// Parses every file of every folder, in the order given.
    ///
    /// A document's path (and so its entry ids) is relative to its folder. When a later folder holds a path an
    /// earlier folder already holds, that document's path gets the later folder's name prefixed
    /// (`name/path#anchor`), so that every entry id of the library stays unique. Documents with paths of their
    /// own keep them unprefixed.
    ///
    /// ```swift
    /// let file = SourceFile(path: "a.md", contents: "# A")
    /// let library = Library(folders: [LibraryFolder(name: "runbooks", files: [file])])
    /// library.entries.map(\.id)  // ["a.md#a"]
    /// ```
    public init(folders: [LibraryFolder]) {
        var taken: Set<String> = []
        var documents: [Document] = []
        for folder in folders {
            for file in folder.files {
                var path = file.path
                while path.hasPrefix("./") { path.removeFirst(2) }
                if taken.contains(path) {
                    var prefixed = "\(folder.name)/\(path)"
                    var attempt = 1
                    while taken.contains(prefixed) {
                        attempt += 1
                        prefixed = "\(folder.name)-\(attempt)/\(path)"
                    }
                    path = prefixed
                }
                taken.insert(path)
                documents.append(DocumentParser.parse(file.contents, file: path))
            }
        }
        self.init(documents: documents)
    }
}
