import Foundation
import Testing

@testable import RunbookCore

/// The short cuts of preparing a new alert's match (its key, `MatchInput`, `MatchIndex.prepare`) give what the full
/// work gives: each is compared with the path it skips, on generated alerts and on the development cases.
struct MatchPreparationTests {
    /// Label and annotation names the short cuts tell apart: read and unread, service and metric labels, runbook
    /// links, names that are not their own lowercase.
    static let names = [
        "alertname", "app", "service", "job", "namespace", "type", "team", "check_name", "metric", "__name__",
        "metric_name", "instance", "severity", "pod", "runbook_url", "runbook", "runbook_link", "summary",
        "description", "title", "App", "SERVICE", "Service_Name", "Runbook_URL", "ﬁle", "café", "alarm_name",
        "dashboard", "message", "component", "container",
    ]

    /// A library with an entry a runbook link can name.
    static let index = MatchIndex(library: MatchFixtures.library([
        MatchFixtures.entry("ops.md", "Disk full", text: "Free space on the volume."),
        MatchFixtures.entry("db.md", "ReplicationLag", text: "Check the replica's WAL receiver."),
    ]))

    /// Alerts of 0 to 6 labels and 0 to 3 annotations drawn from `names`, valued with `ASCIIPathTests.pieces` and
    /// runbook links; the same on every run.
    static func alerts(count: Int, seed: UInt64) -> [Alert] {
        var generator = SeededGenerator(seed: seed)
        let values = ASCIIPathTests.pieces + ["ops.md", "db.md#replicationlag", "https://x.io/ops", "Disk full", ""]
        func map(_ most: Int) -> [String: String] {
            var map: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...most, using: &generator) {
                let value = (0..<Int.random(in: 1...3, using: &generator))
                    .map { _ in values.randomElement(using: &generator)! }.joined(separator: " ")
                map[names.randomElement(using: &generator)!] = value
            }
            return map
        }
        return ASCIIPathTests.texts(count: count, seed: seed, spaced: true).map { title in
            Alert(source: .alertmanager, labels: map(6), annotations: map(3), title: title, text: title + " on x",
                  dedupKey: title)
        }
    }

    /// `alert` with 30 more labels the matcher and the key never read, one of them not its own lowercase: the
    /// label maps are then longer than every list the short cuts walk instead, so those look each name up.
    static func padded(_ alert: Alert) -> Alert {
        var padded = alert
        for number in 0..<30 { padded.labels["Padding_\(number)"] = "value \(number)" }
        return padded
    }

    @Test func keysInputsAndQueriesAgreeWithTheLookups() throws {
        var colliding = 0
        for alert in Self.alerts(count: 4_000, seed: 21) {
            let padded = Self.padded(alert)
            let key = AlertKey.key(for: alert)
            // Two names that lowercase alike (`app`, `App`) leave the key to the order of the map, in the general path
            // too: such keys are compared by nothing but the fast path's condition.
            if Set(alert.labels.keys.map { $0.lowercased() }).count == alert.labels.count {
                #expect(AlertKey.key(for: padded) == key, "\(alert.labels)")
            } else {
                colliding += 1
                #expect(!alert.labels.keys.allSatisfy(AlertKey.isLowercaseASCII))
            }
            #expect(MatchInput(alert: alert, key: key).labels == MatchInput(alert: padded, key: key).labels)
            #expect(AlertQueryBuilder.queryLabels(of: alert.labels).map(\.label.name)
                    == AlertQueryBuilder.queryLabels(of: padded.labels).map(\.label.name))
            #expect(MatchQueryProbe.description(for: alert, key: key)
                    == MatchQueryProbe.description(for: padded, key: key), "\(alert.labels) \(alert.title)")
            let prepared = Self.index.prepare(alert, key: key)
            #expect(prepared.linked == Self.index.linkedMatches(alert), "\(alert.labels) \(alert.annotations)")
            #expect(prepared == Self.index.prepare(padded, key: key))
        }
        #expect(colliding < 400)
    }

    /// Every development case's alert, as above, with its own library.
    @Test(.enabled(if: SharedFixtures.available))
    func developmentCasesAgreeWithTheLookups() throws {
        var checked = 0
        for (line, alert, index) in try MatchInputTests.developmentCases() {
            let padded = Self.padded(alert)
            let key = AlertKey.key(for: alert)
            #expect(AlertKey.key(for: padded) == key, "\(line.prefix(120))")
            #expect(MatchInput(alert: alert, key: key).labels == MatchInput(alert: padded, key: key).labels)
            #expect(MatchQueryProbe.description(for: alert, key: key)
                    == MatchQueryProbe.description(for: padded, key: key), "\(line.prefix(120))")
            #expect(index.prepare(alert, key: key).linked == index.linkedMatches(alert), "\(line.prefix(120))")
            checked += 1
        }
        #expect(checked > 20)
    }

    /// Service words from the memo of recent verdicts are those worked out afresh, for every generated label map
    /// and keys that name its values or not; asked twice, so that the second answer comes from the memo.
    @Test func serviceWordsFromTheMemoAreTheWordsWorkedOutAfresh() {
        var named = 0
        for alert in Self.alerts(count: 3_000, seed: 28) {
            let labels = Dictionary(alert.labels.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
            let naming = labels["app"].map { "X \(AlertKey.boil($0))" } ?? "Y"
            for key in ["", "DiskFull", AlertKey.boil(alert.title), naming] {
                let expected = AlertKey.unmemoizedServiceWord(labels, key: key)
                #expect(AlertKey.serviceWord(labels, key: key) == expected, "\(labels) \(key)")
                #expect(AlertKey.serviceWord(labels, key: key) == expected, "\(labels) \(key)")
                if expected == nil { named += 1 }
            }
        }
        #expect(named > 100)
    }

    @Test func memoKeysWriteLengthsOfEveryWidth() {
        for length in [0, 1, 9, 10, 99, 100, 1_000, 3_000] {
            let title = String(repeating: "a", count: length)
            let recipe = AlertQueryBuilder.Recipe(
                name: nil, key: title, keyIsName: true, titleIsName: true, title: title, annotations: [], labels: [],
                text: "")
            #expect(AlertQueryBuilder.memoKey(recipe) == "k\(length):\(title)T\(length):\(title)x0:")
        }
    }

    @Test func theQueryLabelsComeInTheListsOrder() {
        let labels = ["metric": "m", "job": "j", "app": "a", "__name__": "n", "instance": "i", "service": "s"]
        let found = AlertQueryBuilder.queryLabels(of: labels)
        #expect(found.map(\.label.name) == ["service", "app", "job", "metric", "__name__"])
        #expect(found.map(\.label.field)
                == ["label.service", "label.app", "label.job", "label.metric", "label.__name__"])
        #expect(found.map(\.value) == ["s", "a", "j", "m", "n"])
        #expect(Set(AlertQueryBuilder.serviceLabels).isDisjoint(with: AlertQueryBuilder.metricLabels))
    }

    @Test func labelNamesThatLowercaseToThemselves() {
        for name in ["alertname", "app_kubernetes_io_name", "__name__", "x-1.y", ""] {
            #expect(AlertKey.isLowercaseASCII(name) && name.lowercased() == name)
        }
        for name in ["App", "SERVICE", "café", "ﬁle", "İ", "K"] {
            #expect(!AlertKey.isLowercaseASCII(name))
        }
    }

    @Test func wordCountsAreTheCountsOfTheSplit() {
        let texts = ASCIIPathTests.texts(count: 5_000, seed: 22, spaced: true)
            + ["", " ", "  a  b ", "naïve x  y", "🚨", "a\u{301} b", "x\r\n y"]
        for text in texts {
            for separator in [" ", "_", "-"] as [Unicode.Scalar] {
                #expect(text.asciiWordCount(separator) == text.asciiSplit(separator).count, "\(text.debugDescription)")
            }
        }
    }

    /// Boiling on bytes gives what boiling each token as a `String` gives, and a title with nothing to strip is
    /// what the general prefix stripping gives back.
    @Test func boilingOnBytesAgreesWithBoilingTokens() {
        let texts = ASCIIPathTests.texts(count: 20_000, seed: 23, spaced: true)
            + ["", "x", " x", "x ", "a  b", "ok fine", "Okay fine", "[x] y", "FIRING:1 x", "alert: x", "a\tb c"]
        var untouched = 0
        for text in texts {
            var copy = text
            copy.withUTF8 { bytes in
                guard AlertKey.isBoilable(bytes) else { return }
                #expect(AlertKey.asciiBoil(bytes) == AlertKey.boilWords(AlertKey.unicodeTokens(text)),
                        "\(text.debugDescription)")
                if AlertKey.hasNothingToStrip(bytes) {
                    untouched += 1
                    #expect(AlertKey.unicodeStrippingPrefixes(from: text) == text, "\(text.debugDescription)")
                }
            }
            #expect(AlertKey.boil(text) == AlertKey.boilWords(AlertKey.unicodeTokens(
                AlertKey.unicodeStrippingPrefixes(from: text))), "\(text.debugDescription)")
        }
        #expect(untouched > 1_000)
    }

    /// Equal prepared matches hash alike (the hash reads the terms' texts only), and queries that differ in a term
    /// are told apart.
    @Test func equalPreparedMatchesHashAlike() {
        for alert in Self.alerts(count: 500, seed: 24) {
            let key = AlertKey.key(for: alert)
            let prepared = Self.index.prepare(alert, key: key)
            let again = Self.index.prepare(Self.padded(alert), key: key)
            #expect(prepared == again && prepared.hashValue == again.hashValue)
        }
        let first = AlertQueryBuilder.query(for: Alert(source: .generic, title: "Disk full", dedupKey: "a"))
        let second = AlertQueryBuilder.query(for: Alert(source: .generic, title: "Disk fuller", dedupKey: "a"))
        #expect(first != second)
    }

    /// The query as built afresh, without the memo of recent recipes.
    static func fresh(_ alert: Alert, key: String) -> MatchQuery {
        var query = AlertQueryBuilder.build(AlertQueryBuilder.recipe(for: alert, key: key))
        query.errorCodes = ErrorCodes(alert.title)
        return query
    }

    /// `alert` as another member of its fleet: a host, an address, a number, a hex id or a URL written into its
    /// title, annotations, label values and text, at a word boundary chosen at random.
    static func fleetMember(_ alert: Alert, using generator: inout SeededGenerator) -> Alert {
        func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        let values = [
            "ip-10-7-0-\(number(0...255))", "10.0.\(number(0...99)).1:9100", "\(number(1...99_999))",
            "6751c0a0f3b2c-1-\(number(1...999))", "deadbeef\(number(10...99))", "https://x.io/\(number(1...9))",
            "(\(number(1...99))%)", "--", "i-0abc123def\(number(1_000_000...9_999_999))",
        ]
        func insert(_ text: String) -> String {
            var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            words.insert(values.randomElement(using: &generator)!, at: number(0...words.count))
            return words.joined(separator: " ")
        }
        var member = alert
        member.title = insert(alert.title)
        member.text = insert(alert.text)
        for name in alert.annotations.keys { member.annotations[name] = insert(alert.annotations[name]!) }
        for name in alert.labels.keys where name != "alertname" { member.labels[name] = insert(alert.labels[name]!) }
        return member
    }

    /// Alerts, and members of their fleets, get from the memo of recent recipes the query built afresh, whether the
    /// memo answers or not; fleet members mostly share their alert's entry.
    @Test func queriesFromTheMemoAreTheQueriesBuiltAfresh() throws {
        var generator = SeededGenerator(seed: 25)
        var shared = 0
        var checked = 0
        var alerts = Self.alerts(count: 3_000, seed: 26)
        if SharedFixtures.available { alerts += try MatchInputTests.developmentCases().map(\.alert) }
        for alert in alerts {
            let members = [alert, Self.fleetMember(alert, using: &generator), Self.fleetMember(alert, using: &generator)]
            for member in members {
                let key = AlertKey.key(for: member)
                let query = AlertQueryBuilder.query(for: member, key: key)
                let built = Self.fresh(member, key: key)
                #expect(query == built, "\(member)")
                #expect(query.terms.map(\.parts) == built.terms.map(\.parts))
            }
            let member = Self.fleetMember(alert, using: &generator)
            let memberKey = AlertKey.memoKeyProbe(member)
            if memberKey == AlertKey.memoKeyProbe(alert) { shared += 1 }
            checked += 1
        }
        #expect(shared > checked / 3, "\(shared) of \(checked)")
    }

    /// Tokenizing what `appendTokenEquivalent` keeps of a text gives the text's tokens, with and without bigrams.
    @Test func tokenEquivalentTextsTokenizeAlike() {
        let texts = ASCIIPathTests.texts(count: 20_000, seed: 27, spaced: true)
            + ["", "-", "a - b", "x https://x.io/p y", "a 10.0.0.1 b", "a-b.c/d_e:f", "..a..", "a\u{301} b", "é 1"]
        var shortened = 0
        for text in texts {
            var kept: [UInt8] = []
            guard MatchTokenizer.appendTokenEquivalent(text, to: &kept) else {
                #expect(kept.isEmpty && text.utf8.contains { $0 >= 0x80 })
                continue
            }
            let equivalent = String(decoding: kept, as: UTF8.self)
            if equivalent.utf8.count < text.utf8.count { shortened += 1 }
            for bigrams in [false, true] {
                #expect(MatchTokenizer.tokens(equivalent, bigrams: bigrams)
                        == MatchTokenizer.tokens(text, bigrams: bigrams),
                        "\(text.debugDescription) -> \(equivalent.debugDescription)")
            }
        }
        #expect(shortened > 5_000)
    }

    /// Recipes that differ in a field the query reads whole, or in a field's place, write different memo keys.
    @Test func memoKeysTellRecipesApart() {
        let alert = Alert(
            source: .alertmanager, labels: ["alertname": "DiskFull", "app": "db"],
            annotations: ["summary": "Disk full on db1"], title: "Disk full on db1", text: "x", dedupKey: "a")
        var keys: Set<String> = [AlertKey.memoKeyProbe(alert)]
        for change in [
            { (copy: inout Alert) in copy.labels["alertname"] = "DiskFull2" },
            { (copy: inout Alert) in copy.labels["app"] = "web" },
            { (copy: inout Alert) in copy.labels["service"] = "db" },
            { (copy: inout Alert) in copy.annotations["description"] = "Disk full on db1" },
            { (copy: inout Alert) in copy.annotations = ["description": "Disk full on db1"] },
            { (copy: inout Alert) in copy.title = "Disk fuller on db1" },
            { (copy: inout Alert) in copy.title = "Disk full on db1 with many more words than a title of a name has" },
            { (copy: inout Alert) in copy.text = "x y" },
            { (copy: inout Alert) in copy.text = "" },
            { (copy: inout Alert) in copy.labels["alertname"] = nil },
            // A code span: the tokenizer skips its backticks, but its words weigh more.
            { (copy: inout Alert) in copy.text = "`x`" },
        ] {
            var changed = alert
            change(&changed)
            keys.insert(AlertKey.memoKeyProbe(changed))
        }
        #expect(keys.count == 12)
    }
}

extension AlertKey {
    /// The memo key of `alert`'s query recipe, for tests.
    static func memoKeyProbe(_ alert: Alert) -> String {
        AlertQueryBuilder.memoKey(AlertQueryBuilder.recipe(for: alert, key: key(for: alert)))
    }
}
