import Crypto
import Foundation
import GRDB
import RunbookCore
import Testing

@testable import RunbookStore

/// Payload bodies are stored compressed when that saves space, and always given back byte for byte.
struct PayloadEncodingTests {
    /// A JSON body of `alerts` Alertmanager-like alerts: repetitive, as real payloads are.
    static func alertBody(_ alerts: Int) -> Data {
        let items = (0..<alerts).map { n in
            #"{"status":"firing","labels":{"alertname":"DiskUsageWarning","instance":"db-\#(n).example.internal:9100","#
                + #""severity":"warning"},"annotations":{"summary":"Disk usage above 90% on db-\#(n)"},"#
                + #""startsAt":"2026-12-04T10:00:00Z","fingerprint":"\#(String(n, radix: 16))"}"#
        }
        return Data(#"{"version":"4","status":"firing","alerts":[\#(items.joined(separator: ","))]}"#.utf8)
    }

    static func randomBytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    @Test(arguments: [0, 1, 127, 128, 129, 1_000, 100_000])
    func everyBodyComesBackAsReceived(size: Int) throws {
        let json = Self.alertBody(max(1, size / 200) + 1)
        for body in [json.prefix(size), Self.randomBytes(size), Data(repeating: 0x20, count: size)] {
            let body = Data(body)
            let stored = PayloadEncoding.encode(body)
            let back = try PayloadEncoding.decode(
                stored.body, encoding: stored.encoding?.rawValue, size: body.count, payloadID: 1)
            #expect(back == body)
            if stored.encoding == nil { #expect(stored.body == body) }
        }
    }

    @Test
    func alertPayloadsAreStoredAtAFractionOfTheirSizeAndSmallOrRandomOnesAsReceived() {
        let json = Self.alertBody(100)
        let compressed = PayloadEncoding.encode(json)
        #expect(compressed.encoding == .deflateWebhooks1)
        #expect(compressed.body.count * 4 < json.count, "\(compressed.body.count) of \(json.count) bytes")
        let small = Data(#"{"alerts":[]}"#.utf8)
        #expect(PayloadEncoding.encode(small).encoding == nil)
        let random = Self.randomBytes(4_096)
        let kept = PayloadEncoding.encode(random)
        #expect(kept.encoding == nil)
        #expect(kept.body == random)
    }

    @Test
    func aDamagedOrUnknownStoredBodyIsAnErrorNamingThePayload() throws {
        let json = Self.alertBody(20)
        let stored = PayloadEncoding.encode(json)
        let name = PayloadEncoding.deflateWebhooks1.rawValue
        #expect(stored.encoding == .deflateWebhooks1)
        var damaged = stored.body
        damaged.replaceSubrange(4..<12, with: Data(repeating: 0xFF, count: 8))
        let failures: [(Data, String?, Int?)] = [
            (damaged, name, json.count),
            (stored.body.prefix(stored.body.count / 2), name, json.count),
            (stored.body, name, json.count - 1),
            (stored.body, name, json.count + 1),
            (stored.body, name, nil),
            (stored.body, "zstd", json.count),
            // Read without the dictionary it was written with.
            (stored.body, "deflate", json.count),
            // A damaged size must not be allocated.
            (stored.body, name, Int.max),
            (stored.body, name, RawDeflate.maximumSize + 1),
        ]
        for (body, encoding, size) in failures {
            #expect {
                try PayloadEncoding.decode(body, encoding: encoding, size: size, payloadID: 42)
            } throws: { error in
                guard let error = error as? PayloadEncodingError else { return false }
                return error.payloadID == 42 && error.description.contains("stored payload 42")
            }
        }
    }
}

extension PayloadEncodingTests {
    /// An Alertmanager notification of one alert, as most notifications are: about 500 bytes.
    static let oneAlertWebhook = Data([
        #"{"receiver":"pager","status":"firing","alerts":[{"status":"firing","labels":"#,
        #"{"alertname":"DiskUsageWarning","instance":"checkout-worker-3:9100","job":"node","severity":"warning"},"#,
        #""annotations":{"summary":"Disk usage above 90% on checkout-worker-3"},"startsAt":"#,
        #""2026-12-06T07:00:00.000Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"#,
        #""http://prometheus-0:9090/graph?g0.expr=disk_used_percent+%3E+90","fingerprint":"a1b2c3d4e5f60718"}],"#,
        #""groupLabels":{"alertname":"DiskUsageWarning"},"commonLabels":{"alertname":"DiskUsageWarning","#,
        #""severity":"warning"},"commonAnnotations":{},"externalURL":"http://alertmanager-0:9093","version":"4","#,
        #""groupKey":"{}:{alertname=\"DiskUsageWarning\"}","truncatedAlerts":0}"#,
    ].joined().utf8)

    /// The dictionary lets a one-alert body refer back to the keys every notification repeats: it is stored in
    /// well under what raw DEFLATE alone gives (about 60 % of it here).
    @Test
    func aOneAlertNotificationIsStoredSmallerWithTheDictionaryThanWithout() throws {
        let body = Self.oneAlertWebhook
        let plain = try #require(RawDeflate.compress(body, level: 1, windowBits: 10, memoryLevel: 7))
        let stored = PayloadEncoding.encode(body)
        #expect(stored.encoding == .deflateWebhooks1)
        #expect(Double(stored.body.count) < Double(plain.count) * 0.75, "\(stored.body.count) against \(plain.count)")
        let back = try PayloadEncoding.decode(
            stored.body, encoding: stored.encoding?.rawValue, size: body.count, payloadID: 1)
        #expect(back == body)
    }

    /// Bodies written before the dictionary (raw DEFLATE, `deflate`) are read as they were.
    @Test
    func bodiesStoredWithoutTheDictionaryAreStillRead() throws {
        for body in [Self.oneAlertWebhook, Self.alertBody(100)] {
            let old = try #require(RawDeflate.compress(body, level: 1, windowBits: 15, memoryLevel: 8))
            #expect(try PayloadEncoding.decode(old, encoding: "deflate", size: body.count, payloadID: 7) == body)
        }
    }

    /// A dictionary is part of the stored format: edited, it would garble every body stored with it. A new one takes
    /// a new name (see `PayloadDictionary`).
    @Test
    func theReleasedDictionaryNeverChanges() {
        let digest = SHA256.hash(data: PayloadDictionary.webhooks1).map { String(format: "%02x", $0) }.joined()
        #expect(digest == "ee2cb4ef4387fbec8e5b0a3891af89cc5d5c9e6cd732b846ab3d15123a7e3bd6")
        #expect(PayloadEncoding.deflateWebhooks1.rawValue == "deflate-webhooks-1")
    }
}

/// Contract: what `payloads(alertID:)` gives back is the body as received, on every store kind.
struct StorePayloadEncodingTests {
    @Test(arguments: StoreKind.allCases)
    func largeSmallAndBinaryBodiesAreGivenBackAsReceived(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let bodies = [
                PayloadEncodingTests.alertBody(100), Data("{}".utf8), PayloadEncodingTests.randomBytes(2_000),
            ]
            for (offset, body) in bodies.enumerated() {
                var request = Fixture.request([Fixture.alert("Payload\(offset)")], at: Double(offset))
                request.payload = body
                let result = try await store.ingest(request)
                let incident = try await store.incident(id: try #require(result.incidentIDs.first))
                let payloads = try await store.payloads(alertID: try #require(incident.alerts.first?.id))
                #expect(payloads.map(\.body) == [body])
            }
        }
    }

    /// On SQLite the large body takes a fraction of its size in the file; rows from before compression (NULL
    /// encoding) are still read as they are.
    @Test
    func sqliteStoresLargeBodiesCompressedAndStillReadsOldRows() async throws {
        let location = try StoreKind.sqlite.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        let path = location.appendingPathComponent("runbook.sqlite").path
        let body = PayloadEncodingTests.alertBody(100)
        let store = try SQLiteStore(path: path)
        var request = Fixture.request([Fixture.alert("Compressed")])
        request.payload = body
        let result = try await store.ingest(request)
        let incident = try await store.incident(id: try #require(result.incidentIDs.first))
        let alertID = try #require(incident.alerts.first?.id)
        try await store.close()

        let queue = try DatabaseQueue(path: path)
        let row = try #require(try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT id, length(body) AS stored, encoding, size FROM payloads")
        })
        #expect(row["encoding"] as String? == "deflate-webhooks-1")
        #expect(row["size"] as Int? == body.count)
        #expect((row["stored"] as Int? ?? .max) * 4 < body.count)
        // As an older build wrote it: the body as received, no encoding.
        try await queue.write { db in
            try db.execute(sql: "UPDATE payloads SET body = ?, encoding = NULL, size = NULL", arguments: [body])
        }
        try queue.close()

        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.payloads(alertID: alertID).map(\.body) == [body])
        try await reopened.close()
    }
}
