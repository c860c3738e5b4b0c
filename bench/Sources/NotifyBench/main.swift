import Foundation

// Notification benchmark: the release `runbook serve` binary with a webhook channel pointed at a receiver in
// this process, driven over HTTP on loopback. See bench/README.md.
// `NotifyBench fill --database URL-OR-FILE --count N` only plans deliveries, for bench/postgres/run's drain.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "fill" {
    let flags = Dictionary(stride(from: 1, to: arguments.count - 1, by: 2).map { (arguments[$0], arguments[$0 + 1]) },
                           uniquingKeysWith: { _, last in last })
    guard let database = flags["--database"], let count = flags["--count"].flatMap(Int.init), count > 0 else {
        FileHandle.standardError.write(Data("""
            NotifyBench fill: needs --database (a postgres:// URL or an SQLite file) and --count (deliveries, > 0)
            example: NotifyBench fill --database 'postgres://runbook@127.0.0.1:5432/runbook?schema=drain' --count 20000

            """.utf8))
        exit(2)
    }
    do {
        try await NotifyBench.fill(database: database, count: count)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("NotifyBench fill: \(error)\n".utf8))
        exit(1)
    }
}
let options = NotifyBenchOptions(arguments: arguments)
do {
    try await NotifyBench(options: options).run()
} catch {
    FileHandle.standardError.write(Data("NotifyBench: \(error)\n".utf8))
    exit(1)
}
