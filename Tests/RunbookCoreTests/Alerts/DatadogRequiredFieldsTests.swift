import Foundation
import Testing

@testable import RunbookCore

/// A Datadog payload must carry the fields of its format; `{}` is not an alert.
struct DatadogRequiredFieldsTests {
    @Test(arguments: [#"{}"#, #"{"body": "x", "tags": "a:b"}"#, #"{"alert_title": ""}"#])
    func aPayloadWithoutAnyDatadogFieldIsIncomplete(body: String) {
        #expect {
            try AlertDecoder.decode(Data(body.utf8), format: .datadog, receivedAt: Date())
        } throws: { error in
            guard let error = error as? AlertDecodingError else { return false }
            return error.isIncomplete && error.description.contains("alert_title")
                && error.description.contains("alert_cycle_key")
        }
    }

    @Test(arguments: [#"{"title": "CPU high"}"#, #"{"id": "42"}"#, #"{"alert_cycle_key": "k"}"#,
                      #"{"alert_transition": "Triggered"}"#])
    func anyOneIdentifyingFieldIsEnough(body: String) throws {
        #expect(try AlertDecoder.decode(Data(body.utf8), format: .datadog, receivedAt: Date()).count == 1)
    }
}
