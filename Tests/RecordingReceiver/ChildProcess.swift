import Foundation

/// Starts the tests' child processes one at a time, and lets a caller first wait while the test process holds very
/// many descriptors.
///
/// The test process has crashed inside Foundation's `Process.run()` (a `memcpy` past a mapping, with descriptor
/// numbers such as "1383" in the registers) when about 1,400 descriptors were open at once: the parallel suites'
/// databases, sockets and pipes. Serialising the starts did not stop that alone; limiting the children alive at once
/// (`CLIRunner`'s slots) made it rare. Every start now first waits (without holding a thread) until other tests have
/// closed enough descriptors, for a bounded time: when only `CLIRunner` waited, a server started by another test
/// crashed the same way once. Starting takes a few milliseconds; waiting for the child, which takes long, is not
/// under the lock.
public enum ChildProcess {
    private static let lock = NSLock()
    /// Open descriptors above which `waitForFewerDescriptors` waits.
    static let descriptorLimit = 768

    /// Runs `process.run()` once few enough descriptors are open (`waitForFewerDescriptors`), while no other test
    /// starts a process.
    public static func start(_ process: Process) async throws {
        await waitForFewerDescriptors()
        try lock.withLock { try process.run() }
    }

    /// Returns once this process has at most `descriptorLimit` descriptors open, or after `longest` seconds.
    static func waitForFewerDescriptors(longest: Double = 20) async {
        let deadline = Date().addingTimeInterval(longest)
        while openDescriptors() > descriptorLimit, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The number of descriptors this process has open (entries of `/proc/self/fd`), or 0 where that cannot be read.
    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }
}
