import ArgumentParser
import RunbookCore
import RunbookServer

/// Reads runbook folders into a `Library` the way the server does, turning read problems into usage errors.
struct LibraryLoader {
    /// A loaded library and every file that exists under its folders (for lint's file-link rule).
    struct Loaded {
        var library: Library
        var existingFiles: Set<String>
    }

    func load(folders: [String]) throws -> Loaded {
        do {
            let contents = try RunbookFolders(paths: folders).read()
            return Loaded(library: Library(folders: contents.libraryFolders), existingFiles: contents.existingFiles)
        } catch let error as RunbookFolders.ReadError {
            throw ValidationError(error.description)
        }
    }
}
