import Foundation

/// Starts the tests' child processes one at a time.
///
/// Foundation's `Process.run()` on Linux is not safe to call from several threads at once: with the CLI tests
/// waiting for their children on threads of their own (`CLIRunner.offPool`), concurrent starts crashed the test
/// process inside `Process.run()` (a `memcpy` from freed memory). Starting takes a few milliseconds; waiting for
/// the child, which takes long, is not under the lock.
public enum ChildProcess {
    private static let lock = NSLock()

    /// Runs `process.run()` while no other test starts a process.
    public static func start(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
