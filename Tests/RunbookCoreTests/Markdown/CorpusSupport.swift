import Foundation

@testable import RunbookCore

/// Parses the shared runbooks and public corpora once per test process.
enum CorpusSupport {
    /// The library of one folder under `../shared`, parsed with ids relative to that folder.
    static func library(_ folder: URL, name: String) throws -> Library {
        let files = try SharedFixtures.markdownFiles(in: folder)
            .map { SourceFile(path: $0.path, contents: $0.contents) }
        return Library(folders: [LibraryFolder(name: name, files: files)])
    }

    /// The folder a matching case's corpus name stands for.
    static func folders(forCorpus corpus: String) -> [URL] {
        switch corpus {
        case "seeds": return [SharedFixtures.runbooks]
        case "po": return [SharedFixtures.corpora.appendingPathComponent("prometheus-operator")]
        case "openshift": return [SharedFixtures.corpora.appendingPathComponent("openshift")]
        case "gitlab": return [SharedFixtures.corpora.appendingPathComponent("gitlab")]
        case "po+openshift":
            return [SharedFixtures.corpora.appendingPathComponent("prometheus-operator"),
                    SharedFixtures.corpora.appendingPathComponent("openshift")]
        default: return []
        }
    }
}
