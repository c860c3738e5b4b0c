import Foundation

// Ingestion benchmark: a real Runbook server on loopback with a real SQLite file (WAL, synchronous=FULL),
// driven over HTTP. See bench/README.md.
let arguments = Array(CommandLine.arguments.dropFirst())
let options = IngestBenchOptions(arguments: arguments)
do {
    try await IngestBench(options: options).run()
} catch {
    FileHandle.standardError.write(Data("IngestBench: \(error)\n".utf8))
    exit(1)
}
