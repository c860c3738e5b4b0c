import Foundation

extension SQLiteStore {
    /// Makes `folder` readable by its owner only (0700) and the database files at `database` (with its `-wal` and
    /// `-shm`) 0600, creating the folder and an empty database file when missing.
    ///
    /// The folder holds integration signing secrets and raw alert payloads. SQLite creates the `-wal` and `-shm`
    /// files with the database file's mode, so creating that file 0600 keeps the others private too. Returns the
    /// paths whose modes were tightened, so that the caller can log them.
    ///
    /// ```swift
    /// let database = "runbook-data/runbook.sqlite"
    /// let tightened = try SQLiteStore.securePermissions(folder: "runbook-data", database: database)
    /// ```
    public static func securePermissions(folder: String, database: String) throws -> [String] {
        let files = FileManager.default
        var tightened: [String] = []
        if files.fileExists(atPath: folder) {
            if try tighten(folder, to: 0o700) { tightened.append(folder) }
        } else {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                      attributes: [.posixPermissions: 0o700])
        }
        if !files.fileExists(atPath: database) {
            guard files.createFile(atPath: database, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: database])
            }
        }
        for path in [database, database + "-wal", database + "-shm"] where files.fileExists(atPath: path) {
            if try tighten(path, to: 0o600) { tightened.append(path) }
        }
        return tightened
    }

    /// Removes every permission bit beyond `mode`; true when there was one to remove.
    private static func tighten(_ path: String, to mode: Int) throws -> Bool {
        let current = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        guard current & ~mode != 0 else { return false }
        try FileManager.default.setAttributes([.posixPermissions: current & mode], ofItemAtPath: path)
        return true
    }
}
