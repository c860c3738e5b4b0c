import Foundation

/// Starts the tests' child processes one at a time.
///
/// A precaution: once the CLI tests stopped holding the cooperative pool's threads while their children ran, the
/// test process crashed inside Foundation's `Process.run()` (a `memcpy` past a mapping). Serialising the starts
/// did not stop that alone; limiting the children alive at once did (`CLIRunner`'s slots). Starting takes a few
/// milliseconds; waiting for the child, which takes long, is not under the lock.
public enum ChildProcess {
    private static let lock = NSLock()

    /// Runs `process.run()` while no other test starts a process.
    public static func start(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
