import Foundation
import Testing

@testable import RunbookServer

struct FolderRunbookSourceTests {
    /// A fresh folder under the temporary directory holding `files`.
    private func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
        return root
    }

    @Test
    func readsEveryMarkdownFileButHiddenOnes() throws {
        let root = try folder([
            "oncall.md": "# On call\n\n## DiskFull\n\nClean up.\n",
            "services/api.md": "# API\n",
            ".git/notes.md": "# Hidden\n",
            "image.png": "not markdown",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let contents = try RunbookFolders(paths: [root.path]).read()
        #expect(contents.folders.first?.files.map(\.path) == ["oncall.md", "services/api.md"])
        #expect(contents.folders.first?.existingFiles.contains("image.png") == true)
        let snapshot = try FolderRunbookSource(folders: RunbookFolders(paths: [root.path])).load()
        #expect(snapshot.library.entries.contains { $0.id == "oncall.md#diskfull" })
        #expect(snapshot.revision == contents.revision)
    }

    @Test
    func findingsComeWithTheSnapshot() throws {
        let root = try folder(["oncall.md": "# On call\n\nSee [the disk entry](#no-such-anchor).\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let snapshot = try FolderRunbookSource(folders: RunbookFolders(paths: [root.path])).load()
        #expect(snapshot.findings.contains { $0.file == "oncall.md" && $0.message.contains("no-such-anchor") })
    }

    @Test
    func revisionAndFingerprintChangeWithContentsOnly() throws {
        let root = try folder(["oncall.md": "# On call\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let folders = RunbookFolders(paths: [root.path])
        let first = try folders.read().revision
        let fingerprint = try folders.fingerprint()
        #expect(try folders.read().revision == first)
        #expect(try folders.fingerprint() == fingerprint)
        try Data("# On call, edited\n".utf8).write(to: root.appendingPathComponent("oncall.md"))
        #expect(try folders.read().revision != first)
        #expect(try folders.fingerprint() != fingerprint)
    }

    @Test
    func aMissingFolderIsAnErrorNamingIt() {
        #expect(throws: RunbookFolders.ReadError.self) {
            try RunbookFolders(paths: ["/nonexistent/runbooks"]).read()
        }
    }
}
