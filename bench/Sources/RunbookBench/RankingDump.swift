import Foundation
import RunbookCore

/// Writes every query's top 5 (entry id, score to 4 decimals), so that a speed change can be diffed for rankings.
///
/// `eval --dump FILE` dumps the dev cases against their own corpora; `bench SIZES --dump FILE` dumps the
/// benchmark's alerts against each benchmark library. Two dumps from before and after a change must be equal.
struct RankingDump {
    var lines: [String] = []

    /// Adds the matches of one query under `label`.
    mutating func add(_ label: String, _ matches: [Match]) {
        let ranked = matches.map { "\($0.entry) \(String(format: "%.4f", $0.score))" }
        lines.append("\(label)\t\(ranked.joined(separator: "\t"))")
    }

    func write(to path: String) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The top 5 of every dev case, against the library of its corpus.
    static func cases() throws -> RankingDump {
        var dump = RankingDump()
        var indexes: [String: MatchIndex] = [:]
        for item in try Evaluation(only: nil, verbose: false).loadCases() {
            let index = indexes[item.corpus] ?? MatchIndex(library: Corpus.library(for: item.corpus))
            indexes[item.corpus] = index
            guard let format = AlertFormat(rawValue: item.format) else { continue }
            let alerts = (try? AlertDecoder.decode(item.input, format: format, receivedAt: Date())) ?? []
            for (offset, alert) in alerts.enumerated() {
                dump.add("\(item.id)#\(offset)", index.match(alert))
            }
        }
        return dump
    }
}
