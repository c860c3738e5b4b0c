import ArgumentParser
import Foundation
import RunbookCore

/// Reads runbook folders from disk into a `Library`.
///
/// Every `.md` file under a folder is a document; hidden folders (`.git`) are skipped. The folder's own name is
/// what prefixes ids when two folders hold the same relative path.
struct LibraryLoader {
    /// A loaded library and every file that exists under its folders (for lint's file-link rule).
    struct Loaded {
        var library: Library
        var existingFiles: Set<String>
    }

    /// The largest Markdown file read; bigger ones are reported, not parsed.
    var maxFileBytes = 8 << 20

    func load(folders: [String]) throws -> Loaded {
        var libraryFolders: [LibraryFolder] = []
        var existing: Set<String> = []
        for (position, folder) in folders.enumerated() {
            let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
            let (files, others) = try read(folder: folder)
            libraryFolders.append(LibraryFolder(name: name, files: files))
            existing.formUnion(others)
            // A later folder's documents may carry its name as a prefix (see `Library(folders:)`).
            if position > 0 { existing.formUnion(others.map { "\(name)/\($0)" }) }
        }
        let library = Library(folders: libraryFolders)
        return Loaded(library: library, existingFiles: existing)
    }

    private func read(folder: String) throws -> ([SourceFile], Set<String>) {
        let base = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ValidationError("runbook folder '\(folder)' does not exist or is not a folder")
        }
        guard let walker = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
            options: [.skipsHiddenFiles]
        ) else {
            throw ValidationError("cannot read runbook folder '\(folder)'")
        }
        var files: [SourceFile] = []
        var existing: Set<String> = []
        let prefixCount = base.path.hasSuffix("/") ? base.path.count : base.path.count + 1
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(prefixCount))
            existing.insert(relative)
            guard url.pathExtension.lowercased() == "md" else { continue }
            if let size = values?.fileSize, size > maxFileBytes {
                throw ValidationError("\(folder)/\(relative) is \(size) bytes; runbook files are limited to \(maxFileBytes)")
            }
            let data = try Data(contentsOf: url)
            files.append(SourceFile(path: relative, contents: String(decoding: data, as: UTF8.self)))
        }
        files.sort { $0.path < $1.path }
        return (files, existing)
    }
}
