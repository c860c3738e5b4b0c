import Foundation
import RunbookCore

/// Reads runbook folders from disk into a `Library`, as the benchmark and the evaluation need them.
enum Corpus {
    /// `../shared` beside the package (or `RUNBOOK_SHARED`).
    static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["RUNBOOK_SHARED"] {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The library folders the matching cases name.
    static func folder(named name: String) -> URL {
        switch name {
        case "seeds": shared.appendingPathComponent("runbooks")
        case "po": shared.appendingPathComponent("corpora/prometheus-operator")
        case "openshift": shared.appendingPathComponent("corpora/openshift")
        default: shared.appendingPathComponent("corpora/\(name)")
        }
    }

    /// Every `.md` file under `folder`, paths relative to it, sorted.
    static func files(in folder: URL) -> [SourceFile] {
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [SourceFile] = []
        for case let relative as String in walker where relative.lowercased().hasSuffix(".md") {
            guard let data = FileManager.default.contents(atPath: base + "/" + relative) else { continue }
            files.append(SourceFile(path: relative, contents: String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The library of a case's corpus (`po+openshift` is both folders).
    static func library(for corpus: String) -> Library {
        let folders = corpus.split(separator: "+").map { name in
            let url = folder(named: String(name))
            return LibraryFolder(name: url.lastPathComponent, files: files(in: url))
        }
        return Library(folders: folders)
    }
}
