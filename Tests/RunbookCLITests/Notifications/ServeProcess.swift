import Foundation
import RecordingReceiver
#if canImport(Glibc)
import Glibc
#endif

/// The built `runbook serve` binary on a data folder and config file, with its log kept for a failing test.
final class ServeProcess {
    let port: Int
    let log: URL
    private let process: Process

    var base: String { "http://127.0.0.1:\(port)" }
    var isRunning: Bool { process.isRunning }

    /// Starts `runbook serve --config CONFIG` on `port`, with `arguments` after; returns once `/__lbheartbeat__`
    /// answers.
    static func start(config: URL, port: Int, log: URL, arguments: [String] = []) async throws -> ServeProcess {
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw ServeFailure(description: "cannot create \(log.path)")
        }
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "--config", config.path, "--listen", "127.0.0.1:\(port)"] + arguments
        process.currentDirectoryURL = CLIRunner.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try await ChildProcess.start(process)
        let server = ServeProcess(port: port, log: log, process: process)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if let status = try? await server.request("/__lbheartbeat__").status, status == 200 { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.terminate()
        throw ServeFailure(description: "runbook serve did not come up:\n\(server.logText)")
    }

    private init(port: Int, log: URL, process: Process) {
        self.port = port
        self.log = log
        self.process = process
    }

    /// Kills the process at once (no shutdown of any kind) and waits for it; true when the signal killed it.
    @discardableResult
    func kill() -> Bool {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// Sends SIGHUP: the server reloads its configuration file.
    func hangUp() {
        Glibc.kill(process.processIdentifier, SIGHUP)
    }

    /// Stops the process with SIGTERM and waits for it.
    func terminate() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// What the server logged.
    var logText: String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// Sends a request to the server and returns the status and body.
    func request(
        _ path: String, method: String = "GET", bearer: String? = nil, body: String? = nil
    ) async throws -> (status: Int, body: Data) {
        try await LoopbackHTTP.send(base + path, method: method, bearer: bearer, body: body)
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        return try bindLoopback(descriptor)
    }

    /// Runs `body` with a port of 127.0.0.1 that refuses connections: a socket holds it bound without listening,
    /// so no other test's server can take it before `body` is done.
    static func withRefusingPort<T>(_ body: (Int) async throws -> T) async throws -> T {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        return try await body(try bindLoopback(descriptor))
    }

    /// Binds `descriptor` to a port of 127.0.0.1 the kernel chooses, and returns the port.
    private static func bindLoopback(_ descriptor: Int32) throws -> Int {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else { throw ServeFailure(description: "no free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The server could not be run as the test needs.
struct ServeFailure: Error, CustomStringConvertible {
    var description: String
}
