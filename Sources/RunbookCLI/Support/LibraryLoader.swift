import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer

/// Reads runbook folders into a `Library` the way the server does, turning read problems into usage errors.
struct LibraryLoader {
    /// A loaded library and every file that exists under its folders (for lint's file-link rule).
    struct Loaded {
        var library: Library
        var existingFiles: Set<String>
        /// Document path as ids use it → the file's path as given on the command line (folder + relative path).
        var diskPaths: [String: String]
    }

    func load(folders: [String]) throws -> Loaded {
        do {
            let contents = try RunbookFolders(paths: folders).read()
            for (folder, read) in zip(folders, contents.folders) where read.files.isEmpty {
                throw ValidationError("runbook folder '\(folder)' holds no Markdown (.md) files")
            }
            return Loaded(
                library: Library(folders: contents.libraryFolders), existingFiles: contents.existingFiles,
                diskPaths: Self.diskPaths(folders: folders, contents: contents)
            )
        } catch let error as RunbookFolders.ReadError {
            throw ValidationError(error.description)
        }
    }

    /// `Library(folders:)` prefixes a document with its folder's name only when an earlier folder holds the same
    /// relative path; this mirrors that to find each document's file on disk.
    private static func diskPaths(folders: [String], contents: RunbookFolders.Contents) -> [String: String] {
        var paths: [String: String] = [:]
        var seen: Set<String> = []
        for (folder, read) in zip(folders, contents.folders) {
            let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            let isFile = (try? RunbookFolders.isMarkdownFile(folder)) == true
            for file in read.files {
                let documentPath = seen.contains(file.path) ? "\(read.name)/\(file.path)" : file.path
                paths[documentPath] = isFile ? folder : "\(base)/\(file.path)"
                seen.insert(file.path)
            }
        }
        return paths
    }
}
