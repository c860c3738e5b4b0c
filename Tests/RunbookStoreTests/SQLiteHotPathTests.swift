import Foundation
import RunbookCore
import Testing

@testable import RunbookStore

struct SQLiteHotPathTests {
    static let matchLists: [[Match]] = [
        [],
        [Match(entry: "services/db.md#replication-lag", title: "Replication lag", score: 0.8807970779778823,
               evidence: [
                   Evidence(term: "replication lag", alertField: "title", entryField: "title", weight: 2),
                   Evidence(term: "https://runbooks.example/db#lag", alertField: "runbook_url",
                            entryField: "anchor", weight: 10.25),
               ])],
        [Match(entry: "a.md#x", title: "Quote \" and \\ and\ttab", score: 1, evidence: []),
         Match(entry: "b.md#é", title: "中文 🙂 \u{1}", score: 1e-7,
               evidence: [Evidence(term: "x/y", alertField: "label.service", entryField: "text", weight: 0.1)])],
    ]

    @Test(arguments: matchLists)
    func matchesAreStoredAsJSONEncoderWritesThem(matches: [Match]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let expected = String(decoding: try encoder.encode(matches), as: UTF8.self)
        #expect(try SQLiteHotPath.json(matches) == expected)
    }

    @Test
    func labelsAreStoredAsJSONEncoderWritesThem() throws {
        let labels = ["alertname": "DiskFull", "path": "/var/lib", "Zone": "eu-1", "note": "a \"b\"\n"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(SQLiteHotPath.json(labels) == String(decoding: try encoder.encode(labels), as: UTF8.self))
    }
}
