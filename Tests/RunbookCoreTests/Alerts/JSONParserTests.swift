import Foundation
import Testing

@testable import RunbookCore

struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Data(text.utf8))
    }

    @Test func keepsKeyOrderAndNumberLiterals() throws {
        guard case .object(let object) = try Self.parse(#"{"z": 1902117733640052771, "a": -1.5e3, "m": [true, null]}"#)
        else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["z"] == .number("1902117733640052771"))
        #expect(object["a"] == .number("-1.5e3"))
        #expect(object["m"] == .array([.bool(true), .null]))
    }

    @Test(arguments: [
        (#""caf\u00e9 \ud83d\ude00 \n""#, "café 😀 \n"), (#""\/\\\"""#, "/\\\""),
        (#""lone \udc00""#, "lone \u{FFFD}"),
    ])
    func decodesEscapes(json: String, text: String) throws {
        #expect(try Self.parse(json) == .string(text))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01x", "\"tab\there\"", "nul", "1.", "-", "{\"a\":1} x", "\"\\x\"",
        "\"\\u12\"", "0001", "-01.5", "{\"a\": 00}",
    ])
    func rejectsMalformedJSON(json: String) {
        #expect(throws: JSONParser.Failure.self) { try Self.parse(json) }
    }

    @Test(arguments: ["0", "-0", "0.5", "-0.0e1", "10", "100"])
    func acceptsZeroAndNumbersWithoutLeadingZeros(json: String) throws {
        #expect(try Self.parse(json) == .number(json))
    }

    @Test func stopsAtTheDepthLimit() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        let shallow = String(repeating: "[", count: JSONParser.maximumDepth)
            + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: JSONParser.Failure.self) { try Self.parse(deep) }
        #expect(throws: Never.self) { try Self.parse(shallow) }
    }

    @Test func looseLookupIgnoresCaseAndSeparators() throws {
        guard case .object(let object) = try Self.parse(#"{"ALERT_TRANSITION": "Warn", "alertCycleKey": "c"}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(object.loose(["alert_transition"])?.value == .string("Warn"))
        #expect(object.loose(["alert_cycle_key"])?.key == "alertCycleKey")
        #expect(object.loose(["missing"]) == nil)
    }
}
