import Foundation
import Testing

@testable import RunbookCore

struct AlertRequiredFieldsTests {
    private func decode(_ body: String, _ format: AlertFormat) throws -> [Alert] {
        try AlertDecoder.decode(Data(body.utf8), format: format, receivedAt: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: [
        (#"{"x": 1}"#, AlertFormat.sentry, "data.event"),
        (#"{"foo": 1}"#, AlertFormat.generic, "title"),
        (#"{"foo": 1}"#, AlertFormat.auto, "title"),
        (#"{}"#, AlertFormat.datadog, "body"),
    ])
    func aPayloadWithoutTheFieldsOfItsFormatIsRefused(body: String, format: AlertFormat, field: String) {
        #expect {
            _ = try decode(body, format)
        } throws: { error in
            (error as? AlertDecodingError)?.field == field
        }
    }

    @Test func aJSONArrayIsRefusedNotTakenForText() {
        #expect(AlertDecoder.detect(Data("[1,2]".utf8)) == .generic)
        #expect(throws: AlertDecodingError.self) { _ = try decode("[1,2]", .auto) }
        #expect(AlertDecoder.detect(Data("[FIRING:1] DiskUsageWarning checkout".utf8)) == .text)
    }

    @Test(arguments: [
        (#"{"action": "created", "data": {"issue": {"title": "KeyError", "id": "1"}}}"#, AlertFormat.sentry),
        (#"{"culprit": "app.views", "message": "KeyError"}"#, AlertFormat.sentry),
        (#"{"alert_title": "CPU high", "alert_transition": "Triggered"}"#, AlertFormat.datadog),
        (#"{"name": "nightly export failed"}"#, AlertFormat.generic),
        (#"{"routing_key": "k", "event_action": "trigger", "payload": {"summary": "s", "source": "h", "#
            + #""severity": "error"}}"#, AlertFormat.generic),
    ])
    func payloadsWithTheirFieldsStillDecode(body: String, format: AlertFormat) throws {
        #expect(try decode(body, format).count == 1)
    }
}
