import Foundation
import RunbookCore

/// Checks the matcher beyond the 62 dev cases, on alerts generated from the libraries themselves.
///
/// - Self-retrieval: every one-alert-per-file runbook of prometheus-operator and openshift gets an
///   Alertmanager alert named after it with a summary paraphrased (words dropped and shuffled) from the first
///   sentence of its Meaning; it should match its own entry top-1 and confidently. The same summary alone, as
///   chat text without the alert's name, is reported too (a harder, text-only variant).
/// - Cross-corpus negatives: the alerts of one collection whose name the other has no runbook for, matched
///   against the other collection alone, should not match confidently (a few do have a same-topic runbook
///   there, so 100% is not expected; the rate is reported, not tuned to).
/// - Text variants: for the seed runbooks and GitLab, a question made of a few words of one entry's body
///   should rank that entry (or an entry with the same body) first.
struct SelfCheck {
    /// One generated alert and the entries that answer it (empty for a negative).
    struct Probe {
        var alert: Alert
        var expect: Set<String>
    }

    /// Counts of one probe set.
    struct Tally {
        var total = 0
        var top1 = 0
        var confidentTop1 = 0
        var confident = 0
    }

    /// A one-alert-per-file runbook: its entry id, alert name and the first sentence of its Meaning.
    struct AlertRunbook {
        var id: String
        var name: String
        var meaning: String
    }

    var verbose: Bool

    func run() {
        var libraries: [String: Library] = [:]
        var indexes: [String: MatchIndex] = [:]
        for corpus in ["po", "openshift", "seeds", "gitlab"] {
            let library = Corpus.library(for: corpus)
            libraries[corpus] = library
            indexes[corpus] = MatchIndex(library: library)
        }
        let runbooks = libraries.mapValues(SelfCheck.alertRunbooks)
        print("self-check                      probes   top1%  top1@thr%  confident%")
        for corpus in ["po", "openshift"] {
            guard let index = indexes[corpus], let own = runbooks[corpus] else { continue }
            report("self-retrieval \(corpus)", own.map { probe($0, named: true) }, index)
            report("  summary only, text \(corpus)", own.map { probe($0, named: false) }, index)
        }
        for (from, to) in [("openshift", "po"), ("po", "openshift")] {
            guard let index = indexes[to], let source = runbooks[from], let target = runbooks[to] else { continue }
            let names = Set(target.map { $0.name.lowercased() })
            let probes = source.filter { !names.contains($0.name.lowercased()) }.map { runbook in
                Probe(alert: probe(runbook, named: true).alert, expect: [])
            }
            report("negatives \(from) -> \(to)", probes, index)
        }
        for corpus in ["seeds", "gitlab"] {
            guard let index = indexes[corpus], let library = libraries[corpus] else { continue }
            report("text variants \(corpus)", SelfCheck.textProbes(library), index)
        }
    }

    /// Matches every probe and prints one row: top-1 and confident top-1 for positives, not-confident for
    /// negatives (in the `confident%` column, as the share that stayed below the threshold).
    private func report(_ name: String, _ probes: [Probe], _ index: MatchIndex) {
        var tally = Tally()
        var misses: [String] = []
        for probe in probes {
            let matches = index.match(probe.alert, limit: 3)
            let confident = (matches.first?.score ?? 0) >= MatchIndex.defaultThreshold
            let top1 = matches.first.map { probe.expect.contains($0.entry) } ?? false
            tally.total += 1
            if top1 { tally.top1 += 1 }
            if top1 && confident { tally.confidentTop1 += 1 }
            if confident { tally.confident += 1 }
            let ok = probe.expect.isEmpty ? !confident : top1 && confident
            if verbose && !ok {
                let expect = probe.expect.sorted().joined(separator: ",")
                let title = probe.alert.title.prefix(100)
                misses.append("  miss: \(probe.alert.name ?? "-") \"\(title)\" expect \(expect)")
                misses += matches.map { match in
                    let evidence = match.evidence.prefix(5).map { "\($0.term)>\($0.entryField) \($0.weight)" }
                    let score = String(format: "%.3f", match.score)
                    return "        \(score) \(match.entry)  " + evidence.joined(separator: ", ")
                }
            }
        }
        func percent(_ part: Int) -> String {
            tally.total == 0 ? "    -" : String(format: "%5.1f", 100 * Double(part) / Double(tally.total))
        }
        let negative = probes.allSatisfy(\.expect.isEmpty)
        let columns = negative
            ? ["    -", "      -", percent(tally.total - tally.confident) + " not"]
            : [percent(tally.top1), "  " + percent(tally.confidentTop1), "  " + percent(tally.confident)]
        let count = String(format: "%6d", tally.total)
        print(name.padding(toLength: 30, withPad: " ", startingAt: 0) + count + "  " + columns.joined(separator: "  "))
        misses.forEach { print($0) }
    }

    /// The alert for `runbook`: Alertmanager-shaped with its name, or the paraphrased summary alone as text.
    private func probe(_ runbook: AlertRunbook, named: Bool) -> Probe {
        var random = SeededRandom(seed: runbook.id)
        let summary = SelfCheck.paraphrase(runbook.meaning, random: &random)
        let alert: Alert
        if named {
            let payload: [String: Any] = [
                "version": "4", "status": "firing", "receiver": "oncall", "groupLabels": [:], "commonLabels": [:],
                "commonAnnotations": [:], "externalURL": "https://am.example.org", "groupKey": "{}:{}",
                "alerts": [[
                    "status": "firing", "labels": ["alertname": runbook.name, "severity": "warning"],
                    "annotations": ["summary": summary], "startsAt": "2026-01-05T10:00:00Z",
                    "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "0a1b2c3d4e5f6a7b",
                ]],
            ]
            let data = (try? JSONSerialization.data(withJSONObject: payload)) ?? Data()
            alert = (try? AlertDecoder.decode(data, format: .alertmanager, receivedAt: Date()))?.first
                ?? Alert(source: .alertmanager, title: summary, dedupKey: runbook.id)
        } else {
            alert = (try? AlertDecoder.decode(Data(summary.utf8), format: .text, receivedAt: Date()))?.first
                ?? Alert(source: .text, title: summary, dedupKey: runbook.id)
        }
        return Probe(alert: alert, expect: [runbook.id])
    }

    /// The one-alert-per-file runbooks of `library`: a document whose single top-level entry is titled with
    /// one word (the alert's name, not shared with another entry) and has a Meaning part.
    static func alertRunbooks(_ library: Library) -> [AlertRunbook] {
        let titles = Dictionary(grouping: library.entries.map { $0.title.lowercased() }) { $0 }
        return library.documents.compactMap { document in
            let top = document.entries.filter { $0.path.isEmpty }
            guard top.count == 1, let entry = top.first, !entry.title.contains(" "),
                  titles[entry.title.lowercased()]?.count == 1,
                  let meaning = entry.part(.meaning)?.text
            else { return nil }
            let sentence = firstSentence(meaning)
            guard sentence.split(separator: " ").count >= 4 else { return nil }
            return AlertRunbook(id: entry.id, name: entry.title, meaning: sentence)
        }
    }

    /// A question made from a few words of each entry's body that has enough of its own text.
    static func textProbes(_ library: Library) -> [Probe] {
        let entries = library.entries
        let bodies = entries.map { flattened($0.text) }
        var probes: [Probe] = []
        let templates = [
            "how do I deal with %@?", "question: %@ - what should I check?", "anyone know about %@",
            "seeing %@ since this morning, where do I start?",
        ]
        for (offset, entry) in entries.enumerated() {
            let words = bodies[offset].split(separator: " ").map(String.init)
            guard words.count >= 40 else { continue }
            var random = SeededRandom(seed: entry.id)
            let start = random.next(below: words.count - 12)
            let window = Array(words[start..<(start + 12)])
            var kept = window.filter { word in word.count >= 4 && word.allSatisfy { $0.isLetter || $0 == "-" } }
            guard kept.count >= 4 else { continue }
            kept.shuffle(using: &random)
            let chosen = kept.prefix(5).joined(separator: " ")
            let text = String(format: templates[random.next(below: templates.count)], chosen)
            let phrase = window.joined(separator: " ")
            let expect = Set(entries.indices.filter { bodies[$0].contains(phrase) }.map { entries[$0].id })
            guard let alert = try? AlertDecoder.decode(Data(text.utf8), format: .text, receivedAt: Date()).first
            else { continue }
            probes.append(Probe(alert: alert, expect: expect))
        }
        return probes
    }

    /// `text` with every run of white space made one space.
    static func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The first sentence of `text`, on one line.
    static func firstSentence(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        if let end = flat.range(of: ". ") { return String(flat[..<end.lowerBound]) }
        return flat
    }

    /// `sentence` with about a quarter of its words dropped and the rest in a shuffled order by halves: the
    /// words an alert's author might use, not the runbook's phrasing.
    static func paraphrase(_ sentence: String, random: inout SeededRandom) -> String {
        let words = sentence.split(separator: " ").map(String.init)
        let kept = words.filter { _ in random.next(below: 4) != 0 }
        let middle = kept.count / 2
        var halves = [Array(kept[..<middle]), Array(kept[middle...])]
        halves.shuffle(using: &random)
        return (halves[0] + halves[1]).joined(separator: " ")
    }
}

/// A small deterministic generator (SplitMix64) seeded from a string, so that every run makes the same probes.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var value = state
        value = (value ^ (value >> 30)) &* 0xbf58_476d_1ce4_e5b9
        value = (value ^ (value >> 27)) &* 0x94d0_49bb_1331_11eb
        return value ^ (value >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0).
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }
}
