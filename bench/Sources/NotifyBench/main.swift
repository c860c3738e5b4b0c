import Foundation

// Notification benchmark: the release `runbook serve` binary with a webhook channel pointed at a receiver in
// this process, driven over HTTP on loopback. See bench/README.md.
let options = NotifyBenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
do {
    try await NotifyBench(options: options).run()
} catch {
    FileHandle.standardError.write(Data("NotifyBench: \(error)\n".utf8))
    exit(1)
}
