import Foundation
import Testing

@testable import RunbookCore

struct JSONTextWriterTests {
    static let maps: [[String: String]] = [
        [:],
        ["alertname": "DiskFull", "instance": "node-1:9100", "severity": "warning"],
        ["url": "https://grafana.example/d/abc?x=1&y=2", "path": "/var/lib/postgresql"],
        ["quote": "say \"hi\"", "back\\slash": "a\\b", "lines": "one\ntwo\r\nthree\tfour"],
        ["controls": "\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}", "unicode": "é ü 中文 🙂 \u{2028}"],
        ["b": "1", "B": "2", "Z": "3", "_": "4", "a10": "5", "a9": "6", "é": "7", "e\u{301}x": "8", ".": "9"],
    ]

    @Test(arguments: maps)
    func stringMapsAreWrittenAsJSONEncoderWritesThem(map: [String: String]) throws {
        var writer = JSONTextWriter()
        writer.stringMap(map)
        #expect(writer.text == (try Self.encoded(map)))
    }

    @Test(arguments: [0, 1, -2.5, 0.1, 0.5, 12.345, 1e-7, 1e21, 3e15, 1e16, 100, 0.30000000000000004, 5e-324,
                      1.5e300, 0.8807970779778823, 123_456_789.123])
    func numbersAreWrittenAsJSONEncoderWritesThem(number: Double) throws {
        var writer = JSONTextWriter()
        try writer.number(number)
        #expect(writer.text == (try Self.encoded(number)))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func numbersJSONCannotHoldAreRefused(number: Double) {
        var writer = JSONTextWriter()
        #expect(throws: JSONNumberError.self) { try writer.number(number) }
        #expect(writer.bytes.isEmpty)
    }

    @Test
    func slashesAreKeptAsTheyAreWhenAsked() {
        var writer = JSONTextWriter(escapingSlashes: false)
        writer.string("/api/v1/ingest")
        #expect(writer.text == #""/api/v1/ingest""#)
    }

    @Test
    func keysAfterTheFirstAreSeparatedByCommas() {
        var writer = JSONTextWriter()
        writer.literal("{")
        writer.key("a", first: true)
        writer.integer(-3)
        writer.key("b", first: false)
        writer.bool(true)
        writer.literal("}")
        #expect(writer.text == #"{"a":-3,"b":true}"#)
    }

    private static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
