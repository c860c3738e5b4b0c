/// Healthy once a library snapshot is loaded; reports its revision and entry count.
public struct LibraryHeartbeatCheck: HeartbeatCheck {
    public let name = "library"
    let holder: LibraryHolder

    /// A check of `holder`.
    public init(holder: LibraryHolder) {
        self.holder = holder
    }

    public func check() async throws -> String {
        guard let snapshot = holder.current else {
            throw HeartbeatFailure("the runbook library is not loaded yet")
        }
        return "\(snapshot.entryCount) entries, revision \(snapshot.revision.prefix(12))"
    }
}
