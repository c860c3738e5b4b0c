/// A configuration that cannot be used, with every problem found in it.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in the order they were found; at least one is an error.
    public var issues: [ConfigIssue]

    /// An error carrying `issues`.
    public init(issues: [ConfigIssue]) {
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
