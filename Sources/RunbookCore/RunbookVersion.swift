/// The version of Runbook, reported by `runbook --version` and the server's `/__version__`.
public enum RunbookVersion {
    public static let current = "0.1.0"
}
