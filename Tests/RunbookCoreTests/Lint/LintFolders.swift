import Foundation

@testable import RunbookCore

/// Reads a folder of `../shared` into a library and the list of files it holds, for lint acceptance tests.
enum LintFolders {
    /// The parsed library of one folder and every file path in it (relative, forward slashes).
    static func load(_ folder: URL) throws -> (library: Library, files: Set<String>) {
        let sources = try SharedFixtures.markdownFiles(in: folder).map {
            SourceFile(path: $0.path, contents: $0.contents)
        }
        let library = Library(folders: [LibraryFolder(name: folder.lastPathComponent, files: sources)])
        let base = folder.standardizedFileURL.path
        var files: Set<String> = []
        if let walker = FileManager.default.enumerator(atPath: base) {
            for case let relative as String in walker {
                var isFolder: ObjCBool = false
                let path = URL(fileURLWithPath: base).appendingPathComponent(relative).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    files.insert(relative)
                }
            }
        }
        return (library, files)
    }

    /// Findings per rule id.
    static func counts(_ findings: [Finding]) -> [String: Int] {
        Dictionary(grouping: findings, by: \.rule).mapValues(\.count)
    }
}
