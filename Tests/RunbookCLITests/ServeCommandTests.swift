import Foundation
import RecordingReceiver
import Testing

struct ServeCommandTests {
    @Test
    func serveLoadsTheLibraryListensAndStopsCleanlyOnSIGTERM() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.currentDirectoryURL = CLIRunner.packageRoot
        process.arguments = [
            "serve", "--listen", "127.0.0.1:0", "--data", data.path,
            "--log-format", "json", "--library-poll-interval", "0",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try await ChildProcess.start(process)
        // Reading the pipe blocks: off the cooperative pool, so that other tests run meanwhile.
        let (started, dataCreated, log) = try await CLIRunner.offPool {
            var log = ""
            while !log.contains("listening") {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                log += String(decoding: chunk, as: UTF8.self)
            }
            let started = log
            let dataCreated = FileManager.default.fileExists(atPath: data.path)
            process.terminate()
            log += String(decoding: try errors.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
            process.waitUntilExit()
            return (started, dataCreated, log)
        }
        #expect(started.contains(#""type":"library.loaded""#), "\(log)")
        #expect(dataCreated)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0, "\(log)")
    }
}
