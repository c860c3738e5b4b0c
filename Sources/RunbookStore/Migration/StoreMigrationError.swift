/// Why `StoreMigration` moved nothing; the target is left as it was (its transaction rolled back).
///
/// Every case but a failed count is the operator's to fix, and says how.
public struct StoreMigrationError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case sourceMissing(String)
        case sourceUnreadable(String, String)
        case sourceNotRunbook(String)
        case sourceOlder(String, [String])
        case sourceNewer(String, [String])
        case targetUnreachable(String, String)
        case targetNewer(String, [String])
        case targetNotEmpty(String, [String])
        case targetLacksTable(String)
        case targetLacksColumn(String, String)
        case unknownColumnType(String, String, String)
        case countMismatch([StoreMigrationReport.Table])
    }

    let kind: Kind

    init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .sourceMissing(let path):
            "the source database \(path) does not exist; --from names the SQLite file (or the data folder "
                + "holding runbook.sqlite) of the installation to move"
        case .sourceUnreadable(let path, let error):
            "the source database \(path) cannot be read as SQLite: \(error)"
        case .sourceNotRunbook(let path):
            "\(path) is a SQLite database but not Runbook's (it has no migration table)"
        case .sourceOlder(let path, let missing):
            "the source database \(path) lacks migrations this runbook expects (\(missing.joined(separator: ", "))): "
                + "open it once with this version (runbook tokens list --data FOLDER migrates it), then run again"
        case .sourceNewer(let path, let unknown):
            "the source database \(path) was written by a newer runbook (migrations \(unknown.joined(separator: ", ")) "
                + "are unknown here): run migrate-store of that version"
        case .targetUnreachable(let location, let error):
            "cannot connect to the target \(location): \(error); check the host, port, user, password and sslmode"
        case .targetNewer(let location, let unknown):
            "the target \(location) was migrated by a newer runbook (migrations "
                + "\(unknown.joined(separator: ", ")) are unknown here): run migrate-store of that version"
        case .targetNotEmpty(let location, let tables):
            "the target \(location) already holds data (in \(tables.joined(separator: ", "))); move into an empty "
                + "database or schema, or pass --replace-target to delete what it holds first"
        case .targetLacksTable(let table):
            "the target has no table \(table), which the source fills: its schema is older than the source's "
                + "(run this runbook's migrate-store, which migrates the target first, with the same version as serve)"
        case .targetLacksColumn(let table, let column):
            "the target's table \(table) has no column \(column), which the source has: the two schemas differ"
        case .unknownColumnType(let table, let column, let type):
            "the target's column \(table).\(column) has the type \(type), which migrate-store cannot fill"
        case .countMismatch(let tables):
            "the counts differ after copying, so nothing was kept: "
                + tables.filter { $0.source != $0.target }.map { "\($0.name) \($0.source) → \($0.target)" }
                .joined(separator: ", ")
        }
    }
}
