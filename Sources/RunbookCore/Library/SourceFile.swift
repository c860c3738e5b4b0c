/// One Markdown file handed to the library: its path relative to its folder and its text.
///
/// The caller reads the file; RunbookCore does no I/O.
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the library folder, with forward slashes (`etcd/etcdNoLeader.md`).
    public var path: String
    /// The file's text.
    public var contents: String

    /// A file at `path` (relative to its folder) with `contents`.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
