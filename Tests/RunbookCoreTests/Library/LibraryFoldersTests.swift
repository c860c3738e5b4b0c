import Testing

@testable import RunbookCore

struct LibraryFoldersTests {
    @Test func idsAreRelativeToEachFolder() {
        let library = Library(folders: [
            LibraryFolder(name: "team", files: [SourceFile(path: "db/postgres.md", contents: "# Replica lag\n")]),
            LibraryFolder(name: "vendor", files: [SourceFile(path: "./redis.md", contents: "# Memory\n")]),
        ])
        #expect(library.entries.map(\.id) == ["db/postgres.md#replica-lag", "redis.md#memory"])
        #expect(library.documents.map(\.file) == ["db/postgres.md", "redis.md"])
    }

    @Test func aRepeatedPathInALaterFolderGetsTheFolderNamePrefixed() {
        let library = Library(folders: [
            LibraryFolder(name: "po", files: [SourceFile(path: "node/Disk.md", contents: "# Disk\n")]),
            LibraryFolder(name: "openshift", files: [
                SourceFile(path: "node/Disk.md", contents: "# Disk\n"),
                SourceFile(path: "node/Other.md", contents: "# Other\n"),
            ]),
        ])
        #expect(library.entries.map(\.id) == [
            "node/Disk.md#disk", "openshift/node/Disk.md#disk", "node/Other.md#other",
        ])
        #expect(library.entries[1].file == "openshift/node/Disk.md")
        #expect(library.documents[1].file == "openshift/node/Disk.md")
        #expect(Set(library.entries.map(\.id)).count == library.entries.count)
    }
}
