/// One folder of a runbook library, with the Markdown files found under it.
public struct LibraryFolder: Sendable {
    /// A short name for the folder (usually its last path component), used to keep ids unique across folders.
    public var name: String
    /// The Markdown files under the folder, in the order they are to be parsed.
    public var files: [SourceFile]

    /// A folder called `name` holding `files`.
    public init(name: String, files: [SourceFile]) {
        self.name = name
        self.files = files
    }
}
