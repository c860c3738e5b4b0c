import Foundation

// Ingestion benchmark: a real Runbook server on loopback with a real SQLite file (WAL, synchronous=FULL),
// driven over HTTP by a sender process (this executable, `send …`). See bench/README.md.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "send" {
        try await SenderRun(arguments: Array(arguments.dropFirst())).perform()
    } else if arguments.first == "logline" {
        try await LogLineBench(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000).run()
    } else {
        try await IngestBench(options: IngestBenchOptions(arguments: arguments)).run()
    }
} catch {
    FileHandle.standardError.write(Data("IngestBench: \(error)\n".utf8))
    exit(1)
}
