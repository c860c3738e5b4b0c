/// The repository a library lives in, for checking links from documents to its code (`--repo-root`).
///
/// A README-style document links the repository's source files and folders (`./infra/prod/main.tf`). Those are not
/// the library's business, so lint leaves them alone unless it is told the repository; then a link to a file or
/// folder that is not there is a `broken-file-link`.
/// ```swift
/// let repository = LintRepository(
///     files: ["infra/prod/main.tf", "docs/ops.md"], documentPaths: ["ops.md": "docs/ops.md"]
/// )
/// let linter = Linter(configuration: LintConfiguration(repository: repository))
/// ```
public struct LintRepository: Sendable, Hashable {
    /// Every file of the repository, relative to its root with forward slashes.
    public var files: Set<String>
    /// Document path as the library names it → the same file's path from the repository root.
    public var documentPaths: [String: String]
    /// Every folder that holds a file of `files`.
    let folders: Set<String>

    /// A repository with these files; `documentPaths` places each library document in it.
    public init(files: Set<String>, documentPaths: [String: String]) {
        self.files = files
        self.documentPaths = documentPaths
        var folders: Set<String> = []
        for file in files {
            var components = file.split(separator: "/").dropLast()
            while !components.isEmpty {
                folders.insert(components.joined(separator: "/"))
                components = components.dropLast()
            }
        }
        self.folders = folders
    }

    /// Whether `relativePath`, written in the library document `document`, reaches a file or folder of the
    /// repository; nil when the document's place in the repository is unknown or the path leaves the repository.
    func contains(_ relativePath: String, from document: String) -> Bool? {
        guard let placed = documentPaths[document],
            let path = LinkTarget.resolve(relativePath, from: placed)
        else { return nil }
        return files.contains(path) || folders.contains(path)
    }
}
