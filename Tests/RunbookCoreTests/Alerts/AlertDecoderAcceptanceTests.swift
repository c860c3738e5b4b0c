import Foundation
import Testing

@testable import RunbookCore

/// Every input of `../shared/matching/cases.jsonl` decodes with its format, and `auto` finds the same source.
struct AlertDecoderAcceptanceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: String
        var format: AlertFormat
        var body: Data

        var testDescription: String { id }
    }

    static func cases() throws -> [Case] {
        guard SharedFixtures.available else { return [] }
        let lines = try String(contentsOf: SharedFixtures.matchingCases, encoding: .utf8).split(separator: "\n")
        return try lines.map { line in
            let object = JSONField(try JSONParser.parse(Data(line.utf8)))
            let format = try #require(AlertFormat(rawValue: try object["format"].requiredString()))
            let body: Data
            if let text = try? object["input"].requiredString() {
                body = Data(text.utf8)
            } else {
                body = Data(JSONText.write(try #require(object["input"].value)).utf8)
            }
            return Case(id: try object["id"].requiredString(), format: format, body: body)
        }
    }

    static let receivedAt = Date(timeIntervalSince1970: 1_772_000_000)

    @Test(.enabled(if: SharedFixtures.available))
    func everyCaseIsPresent() throws {
        #expect(try Self.cases().count >= 60)
    }

    @Test(.enabled(if: SharedFixtures.available), arguments: try cases())
    func decodesWithItsFormatAndWithAuto(_ sample: Case) throws {
        let alerts = try AlertDecoder.decode(sample.body, format: sample.format, receivedAt: Self.receivedAt)
        #expect(!alerts.isEmpty)
        for alert in alerts {
            #expect(!alert.title.isEmpty)
            #expect(!alert.dedupKey.isEmpty && alert.dedupKey.count <= 255)
            #expect(!AlertKey.key(for: alert).isEmpty)
        }
        #expect(AlertDecoder.detect(sample.body) == sample.format)
        let auto = try AlertDecoder.decode(sample.body, format: .auto, receivedAt: Self.receivedAt)
        #expect(auto == alerts)
    }
}
