import Foundation
import Testing

@testable import RunbookCore

/// Hostile and random input never crashes or hangs the decoder: it gives alerts or an ``AlertDecodingError``.
struct AlertDecoderRobustnessTests {
    static func decodeAnyhow(_ data: Data, _ format: AlertFormat = .auto) -> Result<[Alert], AlertDecodingError> {
        do {
            return .success(try AlertDecoder.decode(data, format: format, receivedAt: Date()))
        } catch let error as AlertDecodingError {
            return .failure(error)
        } catch {
            Issue.record("unexpected error type \(error)")
            return .success([])
        }
    }

    @Test(arguments: AlertFormat.allCases)
    func deepNestingIsAnErrorNotACrash(format: AlertFormat) {
        let depth = 100_000
        let body = Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        if format == .text {
            #expect(throws: Never.self) { try AlertDecoder.decode(body, format: format, receivedAt: Date()) }
            return
        }
        guard case .failure(let error) = Self.decodeAnyhow(body, format) else {
            Issue.record("deep nesting decoded")
            return
        }
        #expect(error.description.contains("nested deeper than"))
    }

    @Test func deepObjectsInsideAValidPayloadAreBounded() {
        let nested = String(repeating: #"{"a":"#, count: 60) + #""x""# + String(repeating: "}", count: 60)
        let body = Data(#"{"title": "deep", "detail": \#(nested)}"#.utf8)
        guard case .success(let alerts) = Self.decodeAnyhow(body) else {
            Issue.record("a payload within the depth limit failed")
            return
        }
        #expect(alerts.first?.title == "deep")
    }

    @Test func hugeStringsAreBounded() throws {
        let huge = String(repeating: "disk full ", count: 100_000)
        let body = Data(#"{"title": "\#(huge)", "details": "\#(huge)"}"#.utf8)
        let alert = try #require(try AlertDecoder.decode(body, format: .auto, receivedAt: Date()).first)
        #expect(alert.title.count <= AlertTitle.limit + 1)
        #expect(alert.text.count <= AlertText.limit + 1)
        let text = try #require(try AlertDecoder.decode(Data(huge.utf8), format: .text, receivedAt: Date()).first)
        #expect(text.text.count <= AlertText.limit + 1)
    }

    @Test func aHugeAnnotationIsRefusedNamingTheLimit() {
        let huge = String(repeating: "disk full ", count: 100_000)
        let body = Data(#"{"title": "disk", "message": "\#(huge)"}"#.utf8)
        guard case .failure(let error) = Self.decodeAnyhow(body) else {
            Issue.record("a 1 MB annotation decoded")
            return
        }
        #expect(error.limit == .annotationBytes)
    }

    @Test func invalidUTF8InJSONIsAnErrorAndInTextIsReplaced() throws {
        let json = Data([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])
        guard case .failure(let error) = Self.decodeAnyhow(json, .generic) else {
            Issue.record("invalid UTF-8 decoded")
            return
        }
        #expect(error.description.contains("UTF-8"))
        let text = try AlertDecoder.decode(Data([0x64, 0x6F, 0xFF, 0x77, 0x6E]), format: .auto, receivedAt: Date())
        #expect(text.first?.title == "do\u{FFFD}wn")
    }

    @Test(arguments: ["42", "\"just a string\"", "true", "null"])
    func scalarBodiesAreTextForAutoAndErrorsForJSONFormats(body: String) {
        #expect(AlertDecoder.detect(Data(body.utf8)) == .text)
        guard case .failure = Self.decodeAnyhow(Data(body.utf8), .generic) else {
            Issue.record("a scalar body decoded as generic JSON")
            return
        }
    }

    /// Thousands of truncated and byte-flipped payloads of every source, decoded with every format.
    @Test func randomCorruptionNeverCrashes() {
        var generator = SeededGenerator(seed: 0x5EED)
        let samples = [
            AlertDecoderTests.alertmanagerGroup, AlertDecoderTests.snsNotification(state: "ALARM"),
            #"{"event_action": "trigger", "dedup_key": "k", "payload": {"summary": "s", "severity": "info"}}"#,
            #"{"check_id": 1, "check_name": "c", "current_state": "DOWN", "tags": ["a"]}"#,
            #"{"alert_transition": "Triggered", "tags": "a:b,c", "title": "[Triggered] t", "date": "1"}"#,
            #"{"id": "1", "culprit": "c", "project": "p", "event": {"tags": [["a", "b"]]}}"#,
        ]
        let punctuation = Array(#"{}[]":,\ 0aZ"#.utf8)
        var outcomes = 0
        for round in 0..<3_000 {
            var bytes = Array(samples[round % samples.count].utf8)
            bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count + 1))) + bytes.suffix(0))
            for _ in 0..<(generator.next() % 4) where !bytes.isEmpty {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = punctuation[Int(generator.next() % UInt64(punctuation.count))]
            }
            let format = AlertFormat.allCases[Int(generator.next() % UInt64(AlertFormat.allCases.count))]
            switch Self.decodeAnyhow(Data(bytes), format) {
            case .success(let alerts):
                outcomes += 1
                for alert in alerts {
                    #expect(alert.dedupKey.count <= 255)
                    _ = AlertKey.key(for: alert)
                }
            case .failure(let error):
                outcomes += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(outcomes == 3_000)
    }
}
