import Foundation
import RecordingReceiver

#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`) started for a test on loopback.
///
/// Its config, storage and log live in `folder`; `stop()` terminates it and waits for it to exit.
final class AlertmanagerProcess: @unchecked Sendable {
    static let binary = "/usr/bin/prometheus-alertmanager"

    /// Whether the binary is installed.
    static var installed: Bool {
        FileManager.default.isExecutableFile(atPath: binary)
    }

    /// Whether a missing binary must fail the test rather than skip it (`scripts/test` installs it in CI).
    static var required: Bool {
        ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false
    }

    let port: Int
    let folder: URL
    private let process = Process()

    /// Starts Alertmanager with a webhook receiver posting to `webhookURL` with `Authorization: Bearer <token>`.
    init(webhookURL: String, token: String, folder: URL) async throws {
        self.folder = folder
        port = try Self.freePort()
        let config = """
            route:
              receiver: runbook
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 4h
            receivers:
              - name: runbook
                webhook_configs:
                  - url: '\(webhookURL)'
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: '\(token)'
            """
        let configFile = folder.appendingPathComponent("alertmanager.yml")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        let storage = folder.appendingPathComponent("alertmanager-data")
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("alertmanager.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw POSIXError(.EACCES) }
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--config.file=\(configFile.path)", "--storage.path=\(storage.path)",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
        ]
        process.standardOutput = handle
        process.standardError = handle
        try await ChildProcess.start(process)
    }

    /// The base URL of its API.
    var baseURL: String {
        "http://127.0.0.1:\(port)"
    }

    /// What it logged so far, for failure messages.
    var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("alertmanager.log"), encoding: .utf8)) ?? ""
    }

    /// Whether the process is still running.
    var isRunning: Bool {
        process.isRunning
    }

    /// Terminates it and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// A loopback TCP port nothing listens on now (bound to port 0, then released).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
