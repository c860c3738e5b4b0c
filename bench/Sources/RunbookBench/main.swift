import Foundation

/// `RunbookBench bench [SIZES]` times the index; `RunbookBench eval [FILTER] [-v]` scores the dev cases.
let arguments = Array(CommandLine.arguments.dropFirst())
let verbose = arguments.contains("-v")
let rest = arguments.dropFirst().filter { $0 != "-v" }
switch arguments.first {
case "eval":
    try Evaluation(only: rest.first, verbose: verbose).run()
case "bench", nil:
    let sizes = rest.first.map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1_000, 10_000, 100_000]
    try Benchmark(sizes: sizes, alertCount: 3_000).run()
default:
    print("usage: RunbookBench [bench [1000,10000,100000]] | eval [CASE-FILTER] [-v]")
    exit(2)
}
