import ArgumentParser
import Foundation
import RunbookCore

/// Lists the files of the repository named by `lint --repo-root` and places each library document in it.
struct RepositoryReader {
    /// The repository's root folder, as given.
    var root: String

    func repository(for loaded: LibraryLoader.Loaded) throws -> LintRepository {
        let base = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--repo-root '\(root)' does not exist or is not a folder")
        }
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        var documentPaths: [String: String] = [:]
        for (document, diskPath) in loaded.diskPaths {
            let path = URL(fileURLWithPath: diskPath).standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(prefix) else {
                throw ValidationError("'\(diskPath)' is not inside --repo-root '\(root)'")
            }
            documentPaths[document] = String(path.dropFirst(prefix.count))
        }
        var files: Set<String> = []
        let walker = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        )
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            if path.hasPrefix(prefix) { files.insert(String(path.dropFirst(prefix.count))) }
        }
        return LintRepository(files: files, documentPaths: documentPaths)
    }
}
