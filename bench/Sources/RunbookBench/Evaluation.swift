import Foundation
import RunbookCore

/// Runs the development cases in-process (decode, then match) and prints the scorer's figures and failures.
struct Evaluation {
    struct Case {
        var id: String
        var corpus: String
        var format: String
        var input: Data
        var expect: [String]
        var note: String
        /// The cases file the case comes from (`cases`, `cases-r2`).
        var file: String
    }

    /// The development case files, in `../shared/matching`.
    static let caseFiles = ["cases", "cases-r2"]
    /// Our own held-out cases (`bench/matching/heldout.jsonl`, written without sight of the matcher): scored in a
    /// table of their own, apart from the development set's figures and calibration.
    static let heldOutFile = "heldout"
    static let heldOutURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../matching/heldout.jsonl").standardized

    var only: String?
    var verbose: Bool
    /// More held-out files of `bench/matching` (`heldout2` for `heldout2.jsonl`), each scored in a table of its own.
    var sets: [String] = []

    /// Scores the dev cases (those whose id or corpus matches `only`), then runs the self-checks when no
    /// filter is given; `only == "self"` runs the self-checks alone.
    func run() throws {
        if only != "self" {
            try runCases()
        }
        if only == nil || only == "self" {
            SelfCheck(verbose: verbose).run()
        }
    }

    private func runCases() throws {
        let cases = try loadCases().filter { only == nil || $0.id.contains(only!) || $0.corpus == only! }
        var indexes: [String: MatchIndex] = [:]
        var tally: [String: [String: Int]] = [:]
        var calibration = Calibration()
        for item in cases {
            if indexes[item.corpus] == nil {
                let clock = ContinuousClock()
                var library = Library(documents: [])
                let parse = clock.measure { library = Corpus.library(for: item.corpus) }
                let build = clock.measure { indexes[item.corpus] = MatchIndex(library: library) }
                log("\(item.corpus): \(library.entries.count) entries, parsed in \(parse), indexed in \(build)")
            }
            guard let index = indexes[item.corpus], let format = AlertFormat(rawValue: item.format) else { continue }
            let alerts = (try? AlertDecoder.decode(item.input, format: format, receivedAt: Date())) ?? []
            let matches = alerts.first.map { index.match($0) } ?? []
            let ids = matches.map { strip($0.entry) }
            let confident = (matches.first?.score ?? 0) >= MatchIndex.defaultThreshold
            let heldOut = !Evaluation.caseFiles.contains(item.file)
            if let first = ids.first, !heldOut {
                calibration.add(confidence: matches[0].score, right: item.expect.contains(first))
            }
            func count(_ key: String) {
                tally[(heldOut ? item.file + ":" : "") + item.corpus, default: [:]][key, default: 0] += 1
                tally["file:" + item.file, default: [:]][key, default: 0] += 1
            }
            let ok: Bool
            if item.expect.isEmpty {
                ok = !confident
                count("neg")
                if ok { count("negok") }
            } else {
                let top1 = ids.first.map(item.expect.contains) ?? false
                ok = top1 && confident
                count("pos")
                if top1 { count("top1") }
                if ids.prefix(3).contains(where: item.expect.contains) { count("top3") }
                if ok { count("top1thr") }
            }
            if !ok || verbose {
                print("\(ok ? "ok  " : "FAIL") \(item.id) expect=\(item.expect)")
                if let alert = alerts.first { print("     title: \(alert.title.prefix(140))") }
                for match in matches.prefix(3) {
                    let mark = item.expect.contains(strip(match.entry)) ? "*" : " "
                    let evidence = match.evidence.prefix(6).map {
                        "\($0.term)[\($0.alertField)>\($0.entryField) \($0.weight)]"
                    }
                    let score = String(format: "%.3f", match.score)
                    print("   \(mark) \(score) \(match.entry)  \(evidence.joined(separator: " "))")
                }
            }
        }
        printTable(tally)
        print()
        calibration.print()
    }

    /// Every alert the cases decode to, for the benchmark's query mix.
    static func caseAlerts() throws -> [Alert] {
        try firstFileCases().flatMap { item -> [Alert] in
            guard let format = AlertFormat(rawValue: item.format) else { return [] }
            return (try? AlertDecoder.decode(item.input, format: format, receivedAt: Date())) ?? []
        }
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    private func strip(_ id: String) -> String {
        for prefix in ["po/", "openshift/"] where id.hasPrefix(prefix) {
            return String(id.dropFirst(prefix.count))
        }
        return id
    }

    private func printTable(_ tally: [String: [String: Int]]) {
        func percent(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "    -" : String(format: "%5.1f", 100 * Double(part) / Double(whole))
        }
        print("corpus        top1%  top3%  top1@thr%  neg-ok%")
        func corpusRows(_ prefix: String) {
            var all: [String: Int] = [:]
            for corpus in ["seeds", "po", "openshift", "po+openshift", "gitlab"] {
                guard let counts = tally[prefix + corpus] else { continue }
                for (key, value) in counts { all[key, default: 0] += value }
                printRow(corpus, counts, percent)
            }
            if !all.isEmpty { printRow("all", all, percent) }
        }
        corpusRows("")
        for file in Evaluation.caseFiles {
            if let counts = tally["file:" + file] { printRow(file, counts, percent) }
        }
        for file in [Evaluation.heldOutFile] + sets where tally["file:" + file] != nil {
            print("\nheld out (bench/matching/\(file).jsonl)")
            corpusRows(file + ":")
        }
    }

    private func printRow(_ name: String, _ counts: [String: Int], _ percent: (Int, Int) -> String) {
        let pos = counts["pos"] ?? 0
        let neg = counts["neg"] ?? 0
        let row = [
            percent(counts["top1"] ?? 0, pos), percent(counts["top3"] ?? 0, pos),
            percent(counts["top1thr"] ?? 0, pos), percent(counts["negok"] ?? 0, neg),
        ]
        print(name.padding(toLength: 12, withPad: " ", startingAt: 0) + "  " + row.joined(separator: "  "))
    }

    /// The cases of every file of `caseFiles`, in order, then the held-out ones unless `heldOut` is false.
    func loadCases(heldOut: Bool = true) throws -> [Case] {
        let dev = try Evaluation.caseFiles.flatMap { try loadCases(Evaluation.devCasesURL($0), $0) }
        guard heldOut else { return dev }
        let more = try sets.flatMap { try loadCases(Evaluation.setURL($0), $0) }
        return try dev + loadCases(Evaluation.heldOutURL, Evaluation.heldOutFile) + more
    }

    /// Only the first file's cases: the benchmark's query mix stays the one its figures were measured with.
    static func firstFileCases() throws -> [Case] {
        try Evaluation(only: nil, verbose: false).loadCases(devCasesURL(caseFiles[0]), caseFiles[0])
    }

    /// The held-out file `name` of `bench/matching` (`heldout2` → `bench/matching/heldout2.jsonl`).
    static func setURL(_ name: String) -> URL {
        heldOutURL.deletingLastPathComponent().appendingPathComponent(name + ".jsonl")
    }

    /// The development case file `file` (`cases`, `cases-r2`) in `../shared/matching`.
    static func devCasesURL(_ file: String) -> URL {
        Corpus.shared.appendingPathComponent("matching/\(file).jsonl")
    }

    private func loadCases(_ url: URL, _ file: String) throws -> [Case] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            let input: Data
            if let string = object["input"] as? String {
                input = Data(string.utf8)
            } else {
                input = try JSONSerialization.data(withJSONObject: object["input"] ?? [:], options: [.sortedKeys])
            }
            return Case(
                id: object["id"] as? String ?? "", corpus: object["corpus"] as? String ?? "",
                format: object["format"] as? String ?? "text", input: input,
                expect: object["expect"] as? [String] ?? [], note: object["note"] as? String ?? "", file: file)
        }
    }
}
