import Foundation
import RunbookStore

/// The list of named credentials with a role, as `runbook users list` and `runbook tokens list` print it: one
/// `name<TAB>role<TAB>created` line each, or JSON `[{"name", "role", "created_at"}]`; never a secret or hash.
enum RoleListing {
    /// One user or token.
    struct Row {
        var name: String
        var role: APIToken.Role
        var createdAt: Date
    }

    /// Prints `rows`, or when there is none how to add one with `runbook COMMAND add`.
    static func print(_ rows: [Row], json: Bool, command: String) throws {
        if json {
            try JSONOutput.print(rows.map {
                ["name": $0.name, "role": $0.role.rawValue, "created_at": $0.createdAt.formatted(.iso8601)]
            })
        } else if rows.isEmpty {
            Swift.print("No \(command); add one with: runbook \(command) add NAME --role viewer|operator|admin")
        } else {
            for row in rows {
                Swift.print("\(row.name)\t\(row.role.rawValue)\t\(row.createdAt.formatted(.iso8601))")
            }
        }
    }
}
