import Foundation

/// `RunbookBench bench [SIZES] [--dump FILE]` times the index; `RunbookBench eval [FILTER] [-v]` scores the dev
/// cases (`--set heldout2` adds `bench/matching/heldout2.jsonl`, once per file); `eval --dump FILE` writes every
/// case's top 5 instead; `RunbookBench query [N] [--dump FILE]` times building keys and match queries for N new
/// alerts (see `QueryBench`); `RunbookBench decode [N] [--once]` times decoding N alerts from Alertmanager webhook
/// bodies (see `DecodeBench`); `RunbookBench writer [N] [BATCH] [WRITERS] [--new-keys | --one-key]
/// [--hashed-fingerprints]` times the SQLite store's ingest writer alone on N new alerts, each opening an incident of
/// its own with `--new-keys`, all joining one with `--one-key`, fingerprinted as Alertmanager does (a hash, in no
/// order) with `--hashed-fingerprints` (see `WriterBench`).
let arguments = Array(CommandLine.arguments.dropFirst())
let verbose = arguments.contains("-v")
let dumpPath = arguments.firstIndex(of: "--dump").flatMap {
    arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil
}
let sets = arguments.indices.filter { arguments[$0] == "--set" && arguments.indices.contains($0 + 1) }
    .map { arguments[$0 + 1] }
// The arguments after the command that are neither options nor the values of `--dump` and `--set`.
let rest = arguments.indices.dropFirst()
    .filter { index in
        !["-v", "--dump", "--once", "--set", "--new-keys", "--one-key", "--hashed-fingerprints"]
            .contains(arguments[index])
            && arguments[index - 1] != "--dump" && arguments[index - 1] != "--set"
    }
    .map { arguments[$0] }
switch arguments.first {
case "eval":
    if let dumpPath {
        try RankingDump.cases().write(to: dumpPath)
    } else {
        try Evaluation(only: rest.first, verbose: verbose, sets: sets).run()
    }
case "query":
    let count = rest.first.flatMap { Int($0) } ?? 10_000
    try QueryBench(count: count, dumpPath: dumpPath, once: arguments.contains("--once")).run()
case "decode":
    let count = rest.first.flatMap { Int($0) } ?? 10_000
    try DecodeBench(count: count, once: arguments.contains("--once")).run()
case "writer":
    let numbers = rest.compactMap { Int($0) }
    let count = numbers.first ?? 20_000
    let batch = numbers.dropFirst().first ?? 100
    try await WriterBench(
        count: count, batch: batch, writers: numbers.dropFirst(2).first ?? 16,
        newKeys: arguments.contains("--new-keys"), oneKey: arguments.contains("--one-key"),
        hashedFingerprints: arguments.contains("--hashed-fingerprints")
    ).run()
case "bench", nil:
    let sizes = rest.first.map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1_000, 10_000, 100_000]
    try Benchmark(sizes: sizes, alertCount: 3_000, dumpPath: dumpPath).run()
default:
    print("usage: RunbookBench [bench [1000,10000,100000] [--dump FILE]]"
        + " | eval [CASE-FILTER] [-v] [--set NAME]... [--dump FILE]"
        + " | query [N] [--dump FILE] [--once] | decode [N] [--once]"
        + " | writer [N] [BATCH] [WRITERS] [--new-keys | --one-key] [--hashed-fingerprints]")
    exit(2)
}
