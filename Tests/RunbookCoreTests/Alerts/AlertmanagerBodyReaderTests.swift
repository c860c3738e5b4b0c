import Foundation
import Testing

@testable import RunbookCore

/// `AlertmanagerBodyReader` gives exactly what the general decoder gives: the same alerts for every body it reads,
/// and, by handing every other body to the general decoder, the same error.
struct AlertmanagerBodyReaderTests {
    static let receivedAt = Date(timeIntervalSince1970: 1_764_000_000)

    /// Tight limits, so that generated bodies cross every one of them.
    static let tight: AlertLimits = {
        var limits = AlertLimits()
        limits.alertsPerRequest = 4
        limits.labelsPerAlert = 5
        limits.labelNameBytes = 12
        limits.labelValueBytes = 24
        limits.annotationBytes = 60
        limits.requestAlertBytes = 400
        return limits
    }()

    static func outcome(
        _ body: Data, _ format: AlertFormat, _ limits: AlertLimits, readingBytes: Bool
    ) -> Result<[Alert], AlertDecodingError> {
        do {
            return .success(
                try AlertDecoder.decodeTyped(
                    body, format: format, receivedAt: receivedAt, limits: limits, readingBytes: readingBytes))
        } catch {
            return .failure(error)
        }
    }

    /// Decodes `body` both ways in both formats and under both limits; returns how many times the reader read it.
    @discardableResult
    static func expectSame(_ body: Data, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        var read = 0
        for format in [AlertFormat.alertmanager, .auto] {
            for limits in [AlertLimits(), tight] {
                let fast = outcome(body, format, limits, readingBytes: true)
                let general = outcome(body, format, limits, readingBytes: false)
                if fast != general {
                    Issue.record(
                        "\(format) differs on \(String(decoding: body, as: UTF8.self)):\n\(fast)\n\(general)",
                        sourceLocation: sourceLocation)
                }
                if AlertmanagerBodyReader.read(body, receivedAt: receivedAt, limits: limits) != nil { read += 1 }
            }
        }
        return read
    }

    @Test func loadBodiesAreReadFromTheBytes() throws {
        for batch in [1, 2, 100] {
            let body = Self.loadBody(batch: batch)
            let read = try #require(AlertmanagerBodyReader.read(body, receivedAt: Self.receivedAt, limits: .init()))
            #expect(read.alerts.count == batch)
            #expect(read.looksLikeAlertmanager)
            #expect(read.alerts.first?.groupKey == #"{}:{load="p"}"#)
            Self.expectSame(body)
        }
    }

    @Test func escapesAndUnicodeAreReadFromTheBytes() throws {
        let body = Data(
            #"""
            {"status":"firing","groupKey":"g\"1\"\/x","commonLabels":{"team":"caf\u00e9"},"alerts":[{"labels":
            {"alertname":"Disk\tFull","host":"Ошибка-01","e":"e\u0301 é"},"annotations":{"summary":"a \u0026 b 🔥",
            "runbook_url":"http:\/\/x"},"startsAt":"2026-12-04T10:00:00.123456789+02:00","generatorURL":"u\u003c"}],
            "truncatedAlerts":0}
            """#.utf8)
        let read = try #require(AlertmanagerBodyReader.read(body, receivedAt: Self.receivedAt, limits: .init()))
        #expect(read.alerts.first?.labels["team"] == "café")
        #expect(read.alerts.first?.annotations["summary"] == "a & b 🔥")
        #expect(Self.expectSame(body) == 4)
    }

    @Test(arguments: [
        (#""FIRING""#, #""0001-01-01T00:00:00Z""#), (#""Resolved""#, #""""#), (#""firing""#, #""0001-01-01""#),
        (#""resolved""#, #""\u0030001-01-01T00:00:00Z""#), ("null", #""2026-12-04T10:00:00.25-01:30""#),
        (#""fir\u0069ng""#, "null"), (#""firing""#, #""2026-12-04 10:00:00""#),
    ])
    func statusesAndTimesAreReadAsTheTreeReadsThem(status: String, endsAt: String) throws {
        let body = Data(
            #"{"status":"resolved","alerts":[{"status":\#(status),"endsAt":\#(endsAt),"startsAt":\#(endsAt)}]}"#.utf8)
        #expect(AlertmanagerBodyReader.read(body, receivedAt: Self.receivedAt, limits: .init()) != nil)
        #expect(Self.expectSame(body) == 4)
    }

    @Test func unusualBodiesTakeTheGeneralPath() {
        let unusual = [
            #"{"alerts":[{"labels":{"a":"1","a":"2"}}],"status":"firing"}"#,
            #"{"alerts":[{"labels":{"a":"\ud83d\ude00"}}],"status":"firing"}"#,
            #"{"alerts":[],"alerts":[],"status":"firing"}"#,
            #"{"alerts":[{"labels":{"a":1}}],"status":"firing"}"#,
            #"{"alerts":[{"startsAt":1764000000}],"status":"firing"}"#,
            #"{"alerts":[{"x":{"y":1}}],"status":"firing"}"#,
            #"{"l\u0061bels":{},"alerts":[],"status":"firing"}"#,
            "{\"alerts\":[],\"group\u{212A}ey\":\"k\"}",
            #"{"alerts":[{"status":"bogus"}]}"#,
            #"{"alerts":[null]}"#,
            #"{"alerts":[]} x"#,
            #"{"alerts":[{"labels":{"a":"\u00e9"#,
        ]
        for text in unusual {
            let body = Data(text.utf8)
            #expect(AlertmanagerBodyReader.read(body, receivedAt: Self.receivedAt, limits: .init()) == nil, "\(text)")
            Self.expectSame(body)
        }
    }

    @Test func examplesAndFixturesDecodeTheSameBothWays() throws {
        let root = SharedFixtures.packageRoot
        var files = try FileManager.default.contentsOfDirectory(
            at: root.appendingPathComponent("examples/alerts"), includingPropertiesForKeys: nil)
        files.append(root.appendingPathComponent("Tests/RunbookCLITests/Fixtures/alertmanager-invalid-labels.json"))
        var read = 0
        for file in files where file.pathExtension == "json" {
            read += Self.expectSame(try Data(contentsOf: file))
        }
        #expect(read > 0, "no example was read from the bytes")
        guard SharedFixtures.available else { return }
        for name in ["cases.jsonl", "cases-r2.jsonl"] {
            let url = SharedFixtures.root.appendingPathComponent("matching/\(name)")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let input = object["input"], JSONSerialization.isValidJSONObject(input)
                else { continue }
                Self.expectSame(try JSONSerialization.data(withJSONObject: input))
            }
        }
    }

    /// Generated bodies with every oddity the reader must notice, each also cut short and with one byte changed.
    @Test func generatedBodiesDecodeTheSameBothWays() {
        var random = SeededGenerator(seed: 12)
        var read = 0
        for _ in 0..<600 {
            let text = Self.generatedBody(&random, odd: Bool.random(using: &random))
            let body = Data(text.utf8)
            read += Self.expectSame(body)
            Self.expectSame(body.prefix(Int.random(in: 0...body.count, using: &random)))
            var changed = body
            if !changed.isEmpty {
                let noise: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x20, 0x00, 0xC3, 0xFF, 0x30]
                changed[Int.random(in: 0..<changed.count, using: &random)] = noise.randomElement(using: &random)!
            }
            Self.expectSame(changed)
        }
        // Most generated bodies are plain enough to be read from the bytes: the comparison is not of one path alone.
        #expect(read > 400)
    }

    static func loadBody(batch: Int) -> Data {
        let alerts = (1...batch).map { n in
            #"{"status":"firing","labels":{"alertname":"HighLatency","app":"app-\#(n % 50)","instance":"p-\#(n)","#
                + #""severity":"warning"},"annotations":{"summary":"HighLatency on p-\#(n)"},"#
                + #""startsAt":"2026-12-04T10:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"p-\#(n)"}"#
        }
        return Data(
            (#"{"version":"4","groupKey":"{}:{load=\"p\"}","status":"firing","receiver":"runbook","groupLabels":{},"#
                + #""commonLabels":{},"commonAnnotations":{},"externalURL":"http://127.0.0.1:9093","alerts":["#
                + alerts.joined(separator: ",") + "]}").utf8)
    }

    static let strings = [
        #""disk""#, #""""#, #""  spaced out  ""#, #""caf\u00e9""#, #""café""#, #""e\u0301""#, #""é""#,
        #""\ud83d\ude00""#, #""\ud800""#, #""\udc00x""#, #""say \"hi\"""#, #""a\/b""#, #""line\nnext""#,
        #""tab\tand\\""#, #""\u0000""#, #""Ошибка репликации""#, #""🔥 PodCrashLooping""#, #""FIRING""#,
        #""warning""#, #""Critical""#, "\"\u{212A}\"", #""\x""#, #""\u12""#, #""ab"#,
        "\"" + String(repeating: "long value ", count: 4) + "\"",
    ]
    static let scalars = ["null", "1", "-0.5e3", "01", "true", "false", "nul", "[]", "{}", #"{"a":[1,{"b":null}]}"#]
    static let times = [
        #""2026-12-04T10:00:00Z""#, #""2026-12-04T10:00:00.5Z""#, #""2026-12-04T10:00:00.123456789+02:00""#,
        #""2026-12-04 10:00:00""#, #""0001-01-01T00:00:00Z""#, #""""#, #""yesterday""#, #""2026-13-04T10:00:00Z""#,
        #""1764000000""#, "1764000000", "1764000000123", #"" 2026-12-04T10:00:00Z ""#, #""2026-12-04T10:00:00-0530""#,
        "null", "true", "{}",
    ]
    static let keys = [
        "alertname", "app", "instance", "severity", "summary", "description", "runbook_url", "team", "caf\\u00e9",
    ]
    /// Names that repeat, canonically equal ones (`café` twice), a long one and an empty one.
    static let oddKeys = keys + ["a", "a", "café", "e\\u0301", "é", "very_long_label_name_here", ""]

    /// Strings the reader reads itself (the escapes it decodes, Unicode), and times it reads.
    static let plainStrings = [
        #""disk""#, #""""#, #""caf\u00e9""#, #""café""#, #""e\u0301""#, #""say \"hi\"""#, #""a\/b""#, #""x\ny""#,
        #""Ошибка""#, #""🔥 Pod""#, #""warning""#, #""critical""#,
    ]
    static let plainTimes = [#""2026-12-04T10:00:00Z""#, #""2026-12-04T10:00:00.5+01:00""#, #""0001-01-01T00:00:00Z""#]

    /// A body shaped like a webhook; `odd` ones carry every oddity (wrong kinds, repeated keys, surrogates, numbers
    /// as times), the others only what the reader reads itself, so that both paths are compared on many of them.
    static func generatedBody(_ random: inout SeededGenerator, odd: Bool) -> String {
        func pick(_ list: [String]) -> String { list.randomElement(using: &random)! }
        func chance(_ percent: Int) -> Bool { odd ? Int.random(in: 0..<100, using: &random) < percent : percent > 50 }
        func value() -> String { odd ? (chance(85) ? pick(strings) : pick(scalars)) : pick(plainStrings) }
        func time() -> String { odd ? pick(times) : pick(plainTimes) }
        func map() -> String {
            if chance(5) { return pick(scalars) }
            let count = Int.random(in: 0...(chance(10) ? 8 : 4), using: &random)
            let names = odd
                ? (0..<count).map { _ in pick(oddKeys) } : Array(keys.shuffled(using: &random).prefix(count))
            let members = names.map { "\"\($0)\":\(chance(92) ? value() : pick(scalars))" }
            return "{" + members.joined(separator: chance(95) ? "," : " , ") + "}"
        }
        func member(_ key: String, _ make: () -> String) -> String? {
            chance(85) ? "\"\(key)\":\(make())" : nil
        }
        func status() -> String { chance(80) ? (chance(70) ? #""firing""# : #""resolved""#) : value() }
        let alertCount = Int.random(in: 0...(chance(10) ? 6 : 3), using: &random)
        let alerts = (0..<alertCount).map { _ -> String in
            if chance(3) { return pick(scalars) }
            var members = [
                member("status", status), member("labels", map), member("annotations", map),
                member("startsAt", time), member("endsAt", time),
                member("fingerprint") { chance(80) ? #""f-\#(Int.random(in: 0..<5, using: &random))""# : value() },
                member("generatorURL", value), chance(20) ? "\"\(pick(oddKeys))\":\(value())" : nil,
            ].compactMap { $0 }
            if chance(8), let repeated = members.randomElement(using: &random) { members.append(repeated) }
            members.shuffle(using: &random)
            return "{" + members.joined(separator: ",") + "}"
        }
        var members = [
            member("version") { chance(90) ? #""4""# : value() }, member("groupKey", value),
            member("status", status), member("receiver", value), member("groupLabels", map),
            member("commonLabels", map), member("commonAnnotations", map), member("externalURL", value),
            member("truncatedAlerts") { pick(scalars) },
            chance(95) ? "\"alerts\":[" + alerts.joined(separator: ",") + "]" : "\"alerts\":\(value())",
        ].compactMap { $0 }
        if chance(5), let repeated = members.randomElement(using: &random) { members.append(repeated) }
        members.shuffle(using: &random)
        let space = chance(20) ? " \n\t" : ""
        let bom = chance(3) ? "\u{FEFF}" : ""
        return bom + space + "{" + members.joined(separator: "," + space) + "}" + space
    }
}
