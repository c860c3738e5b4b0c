import Crypto
import Foundation
import RunbookCore

/// Reads runbook library folders from disk: every `.md` file under them, skipping hidden files and folders. A path
/// may also name one Markdown file, which is then a library of one document.
///
/// `fingerprint()` is cheap (paths, sizes and modification times, no contents) and is what the watcher polls;
/// `read()` returns the contents and the revision, a SHA-256 over every file's folder, path and contents.
public struct RunbookFolders: Sendable {
    /// One folder's files.
    public struct Folder: Sendable, Equatable {
        /// The folder's own name: what prefixes ids when two folders hold the same relative path.
        public var name: String
        /// Markdown files with paths relative to the folder, sorted by path.
        public var files: [SourceFile]
        /// Every regular file under the folder, Markdown or not (for lint's file-link rule).
        public var existingFiles: Set<String>
    }

    /// Everything read, with its revision.
    public struct Contents: Sendable, Equatable {
        public var folders: [Folder]
        public var revision: String

        /// The folders as `Library(folders:)` takes them.
        public var libraryFolders: [LibraryFolder] {
            folders.map { LibraryFolder(name: $0.name, files: $0.files) }
        }

        /// Every file lint's file-link rule may find: paths relative to their folder, and for the second folder
        /// on also prefixed with the folder's name, as `Library(folders:)` prefixes ids that would clash.
        public var existingFiles: Set<String> {
            var existing: Set<String> = []
            for (position, folder) in folders.enumerated() {
                existing.formUnion(folder.existingFiles)
                if position > 0 { existing.formUnion(folder.existingFiles.map { "\(folder.name)/\($0)" }) }
            }
            return existing
        }
    }

    /// A problem reading the folders, naming the folder or file.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The folders, as given.
    public let paths: [String]
    /// The largest Markdown file read.
    public var maxFileBytes = 8 << 20

    /// Folders to read.
    public init(paths: [String]) {
        self.paths = paths
    }

    /// A cheap summary that changes when any Markdown file is added, removed, resized or modified.
    public func fingerprint() throws -> String {
        var hasher = SHA256()
        for path in paths {
            for file in try walk(path) where file.isMarkdown {
                hasher.update(data: Data("\(path)\u{0}\(file.relative)\u{0}\(file.size)\u{0}\(file.modified)\n".utf8))
            }
        }
        return Self.hex(hasher.finalize())
    }

    /// Reads every Markdown file.
    public func read() throws -> Contents {
        var hasher = SHA256()
        var folders: [Folder] = []
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let isFile = try Self.isMarkdownFile(path)
            let name = isFile ? url.deletingLastPathComponent().lastPathComponent : url.lastPathComponent
            var folder = Folder(name: name, files: [], existingFiles: [])
            let files = try walk(path)
            // A single document's links reach the files beside it.
            let existing = isFile ? try walk(url.deletingLastPathComponent().path) : files
            folder.existingFiles = Set(existing.map(\.relative))
            for file in files {
                guard file.isMarkdown else { continue }
                guard file.size <= maxFileBytes else {
                    throw ReadError(
                        description: "\(path)/\(file.relative) is \(file.size) bytes; the limit is \(maxFileBytes)"
                    )
                }
                let data = try Data(contentsOf: file.url)
                hasher.update(data: Data("\(name)\u{0}\(file.relative)\u{0}\(data.count)\u{0}".utf8))
                hasher.update(data: data)
                folder.files.append(SourceFile(path: file.relative, contents: String(decoding: data, as: UTF8.self)))
            }
            folders.append(folder)
        }
        return Contents(folders: folders, revision: Self.hex(hasher.finalize()))
    }

    private struct FileInfo {
        var url: URL
        var relative: String
        var size: Int
        var modified: Double
        var isMarkdown: Bool { url.pathExtension.lowercased() == "md" }
    }

    /// True for a Markdown file, false for a folder; throws for anything else, naming it.
    public static func isMarkdownFile(_ path: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(description: "runbook folder or file '\(path)' does not exist")
        }
        if isDirectory.boolValue { return false }
        guard URL(fileURLWithPath: path).pathExtension.lowercased() == "md" else {
            throw ReadError(description: "'\(path)' is neither a folder nor a Markdown (.md) file")
        }
        return true
    }

    /// Every regular file under the folder, or the file itself when `folder` names a Markdown file.
    private func walk(_ folder: String) throws -> [FileInfo] {
        let base = URL(fileURLWithPath: folder).standardizedFileURL
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        if try Self.isMarkdownFile(folder) {
            let values = try? base.resourceValues(forKeys: Set(keys))
            return [FileInfo(
                url: base, relative: base.lastPathComponent, size: values?.fileSize ?? 0,
                modified: values?.contentModificationDate?.timeIntervalSince1970 ?? 0
            )]
        }
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: keys,
                                                          options: [.skipsHiddenFiles])
        else {
            throw ReadError(description: "cannot read runbook folder '\(folder)'")
        }
        let prefixCount = base.path.hasSuffix("/") ? base.path.count : base.path.count + 1
        var files: [FileInfo] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: Set(keys))
            guard values?.isRegularFile == true else { continue }
            files.append(FileInfo(
                url: url, relative: String(url.standardizedFileURL.path.dropFirst(prefixCount)),
                size: values?.fileSize ?? 0,
                modified: values?.contentModificationDate?.timeIntervalSince1970 ?? 0
            ))
        }
        return files.sorted { $0.relative < $1.relative }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
