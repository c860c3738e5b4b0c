import AsyncHTTPClient
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `runbook serve` binary, started on a data folder with a config file that sends every new incident to the
/// bench receiver's webhook.
final class ServerProcess: @unchecked Sendable {
    let port: Int
    private let process: Process

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// Writes `runbook.yml` into `data` and starts the server; returns once `/__lbheartbeat__` answers.
    static func start(
        binary: String, data: URL, receiverPort: Int, options: NotifyBenchOptions, client: HTTPClient
    ) async throws -> ServerProcess {
        let port = try freePort()
        let config = data.appendingPathComponent("runbook.yml")
        try configuration(port: port, data: data, receiverPort: receiverPort, options: options)
            .write(to: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--config", config.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = ServerProcess(port: port, process: process)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, process.isRunning {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/__lbheartbeat__")
            request.method = .GET
            if let response = try? await client.execute(request, timeout: .seconds(1)), response.status == .ok {
                return server
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.stop()
        throw BenchFailure("runbook serve did not come up (is \(binary) built? swift build -c release)")
    }

    /// The config file: one webhook channel on the default route, storm control out of the way (every incident
    /// is its own message), the dispatcher's batch and the channel's concurrency as asked.
    static func configuration(port: Int, data: URL, receiverPort: Int, options: NotifyBenchOptions) -> String {
        """
        listen: 127.0.0.1:\(port)
        data: \(data.path)
        runbooks: [examples/runbooks]
        log:
          format: json
          level: error
        notifications:
          channels:
            - name: hook
              type: webhook
              url: http://127.0.0.1:\(receiverPort)/hook
              secrets: [whsec_\(Data("notify-bench-secret-0123456789ab".utf8).base64EncodedString())]
              concurrency: \(options.concurrency)
              timeout: 10s
          default_route: [hook]
          storm:
            limit: 1000000
          dispatcher:
            batch_size: \(options.batch)
            poll_interval: 1s

        """
    }

    /// Stops the server with SIGTERM and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        #if canImport(Glibc)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, stream, 0)
        defer { close(descriptor) }
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
        guard bound else { throw BenchFailure("no free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
