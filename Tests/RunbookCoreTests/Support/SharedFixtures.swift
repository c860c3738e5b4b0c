import Foundation

/// Locates `../shared` beside the checkout: the real runbooks, public corpora and matching cases.
///
/// Tests read these files at run time; none of their text is copied into the project.
enum SharedFixtures {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared` next to the package root.
    static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static var available: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("runbooks").path)
    }

    static let runbooks = root.appendingPathComponent("runbooks")
    static let corpora = root.appendingPathComponent("corpora")
    static let matchingCases = root.appendingPathComponent("matching/cases.jsonl")

    /// Every `.md` file under `folder`, as (path relative to folder with forward slashes, contents), sorted by path.
    static func markdownFiles(in folder: URL) throws -> [(path: String, contents: String)] {
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [(path: String, contents: String)] = []
        for case let relative as String in walker where relative.lowercased().hasSuffix(".md") {
            let url = URL(fileURLWithPath: base).appendingPathComponent(relative)
            let data = try Data(contentsOf: url)
            files.append((relative, String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
