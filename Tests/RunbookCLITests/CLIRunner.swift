import Foundation
import RecordingReceiver

/// Runs the built `runbook` binary as a user would, and captures what it prints.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let examples = packageRoot.appendingPathComponent("examples")
    static let fixtures = packageRoot.appendingPathComponent("Tests/RunbookCLITests/Fixtures")

    /// The `runbook` executable beside the test bundle (both are products of the same build).
    static let binary: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("runbook")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/runbook")
    }()

    /// The shared runbooks beside the package (`../shared/runbooks`), as CI lays them out.
    static let sharedRunbooks = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/runbooks")

    /// Runs with standard error into the same pipe as standard output, as a shell's `2>&1` does; `stdout` holds both.
    static func runMerged(_ arguments: [String]) async throws -> Result {
        try await run(arguments, mergingErrors: true)
    }

    /// Runs in `directory` (the package root by default), with `environment` instead of the test's own when given.
    ///
    /// The child is started here and waited for off Swift's cooperative pool (`offPool`): the pool is as wide as
    /// the machine has cores, and a test blocked there waiting for a child that itself waits on something the test
    /// process holds (a PostgreSQL lock, a live server's answer) would stall every other test with it.
    static func run(
        _ arguments: [String], stdin: String? = nil, mergingErrors: Bool = false, directory: URL? = nil,
        environment: [String: String]? = nil
    ) async throws -> Result {
        await slots.acquire()
        defer { Task { await slots.release() } }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = mergingErrors ? output : Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try await ChildProcess.start(process)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return try await offPool {
            // Read both pipes to the end before waiting, so a large output cannot block the child. `readToEnd()`
            // throws where `readDataToEndOfFile()` would crash the whole test process: a failed read fails this
            // test only.
            let group = DispatchGroup()
            nonisolated(unsafe) var outData: Swift.Result<Data, any Error> = .success(Data())
            nonisolated(unsafe) var errData: Swift.Result<Data, any Error> = .success(Data())
            group.enter()
            DispatchQueue.global().async {
                outData = Swift.Result { try output.fileHandleForReading.readToEnd() ?? Data() }
                group.leave()
            }
            if !mergingErrors { errData = Swift.Result { try errors.fileHandleForReading.readToEnd() ?? Data() } }
            group.wait()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus,
                stdout: String(decoding: try outData.get(), as: UTF8.self),
                stderr: String(decoding: try errData.get(), as: UTF8.self)
            )
        }
    }

    /// At most a few CLI children at once. Waited for without blocking a thread, the tests would otherwise start
    /// dozens at once, with three pipes each, and Foundation's `Process.run()` then crashed in a `memcpy` (the
    /// cause was not found; many open descriptors is the likely difference), as it never did with two at a time.
    private static let slots = Slots(count: 4)

    /// A counting semaphore for tasks: `acquire` suspends, it does not block a thread.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(count: Int) { free = count }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty {
                free += 1
            } else {
                waiting.removeFirst().resume()
            }
        }
    }

    /// Runs `body`, which blocks (reads a child's pipes, waits for it), on a dispatch queue of its own, and awaits
    /// it without holding one of the cooperative pool's threads. A new serial queue runs on one of libdispatch's
    /// overcommitting threads, which block signals as the pool's do (a Foundation `Thread` does not, and a
    /// `SIGCHLD` there interrupted `readDataToEndOfFile`, which Foundation answers with a crash). `body` records
    /// no test issues (it runs outside the test's task): it returns what the test then checks.
    static func offPool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "runbook.tests.off-pool").async {
                continuation.resume(with: Swift.Result { try body() })
            }
        }
    }
}
