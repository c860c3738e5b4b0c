import Foundation
import Testing

@testable import RunbookCore

struct AlertDecodingErrorTests {
    struct Invalid: Sendable, CustomTestStringConvertible {
        var format: AlertFormat
        var body: String
        var field: String?
        var description: String

        var testDescription: String { description }
    }

    static let invalid: [Invalid] = [
        Invalid(
            format: .alertmanager, body: #"{"version": "4", "status": "firing"}"#, field: "alerts",
            description: "alerts: expected an array of alerts, found nothing"),
        Invalid(
            format: .alertmanager, body: #"{"alerts": {"labels": {}}}"#, field: "alerts",
            description: "alerts: expected an array of alerts, found an object"),
        Invalid(
            format: .alertmanager, body: #"{"alerts": [{"labels": {}}, {"labels": {}}, {"labels": {"port": 8080}}]}"#,
            field: "alerts[2].labels",
            description: "alerts[2].labels: expected an object of strings, found a number at key \"port\""),
        Invalid(
            format: .alertmanager, body: #"{"alerts": [{"labels": "x"}]}"#, field: "alerts[0].labels",
            description: "alerts[0].labels: expected an object of strings, found a string"),
        Invalid(
            format: .alertmanager, body: #"{"alerts": [{"status": "pending"}]}"#, field: "alerts[0].status",
            description: "alerts[0].status: expected firing or resolved, found \"pending\""),
        Invalid(
            format: .alertmanager, body: #"{"alerts": [{"startsAt": "yesterday"}]}"#, field: "alerts[0].startsAt",
            description: "alerts[0].startsAt: expected an RFC 3339 timestamp or epoch seconds, found \"yesterday\""),
        Invalid(
            format: .alertmanager, body: #"{"alerts": [7]}"#, field: "alerts[0]",
            description: "alerts[0]: expected an alert object, found a number"),
        Invalid(
            format: .generic, body: #"{"event_action": "escalate", "payload": {"summary": "s"}}"#,
            field: "event_action",
            description: "event_action: expected trigger, acknowledge or resolve, found \"escalate\""),
        Invalid(
            format: .generic, body: #"{"event_action": "trigger", "payload": {"source": "x"}}"#,
            field: "payload.summary", description: "payload.summary: expected a summary of the alert, found nothing"),
        Invalid(
            format: .generic,
            body: #"{"event_action": "trigger", "payload": {"summary": "s", "severity": "disaster"}}"#,
            field: "payload.severity",
            description: "payload.severity: expected critical, error, warning or info, found \"disaster\""),
        Invalid(
            format: .generic,
            body: #"{"event_action": "trigger", "dedup_key": "\#(String(repeating: "k", count: 256))", "#
                + #""payload": {"summary": "s"}}"#,
            field: "dedup_key", description: "dedup_key: expected at most 255 characters, found 256 characters"),
        Invalid(
            format: .generic, body: #"["not", "an", "object"]"#, field: nil,
            description: "expected a JSON object, found an array"),
        Invalid(
            format: .pingdom, body: #"{"check_id": 1, "current_state": "SIDEWAYS"}"#, field: "current_state",
            description: "current_state: expected DOWN, FAILING, SUCCESS, UNCONFIRMED_DOWN, UNKNOWN, UP, "
                + "found \"SIDEWAYS\""),
        Invalid(
            format: .pingdom, body: #"{"check_name": "x", "current_state": "UP"}"#, field: "check_id",
            description: "check_id: expected a check id, found nothing"),
        Invalid(
            format: .datadog, body: #"{"alert_transition": "Exploded", "title": "x"}"#, field: "alert_transition",
            description: "alert_transition: expected a Datadog transition (Triggered, Recovered, Warn, No Data…), "
                + "found \"Exploded\""),
        Invalid(
            format: .sentry, body: #"{"action": "triggered", "data": {"event": []}}"#, field: "data.event",
            description: "data.event: expected an event object, found an array"),
        Invalid(
            format: .cloudwatchSNS,
            body: #"{"Type": "Notification", "MessageId": "m", "TopicArn": "t", "Timestamp": "x", "#
                + #""Message": "{\"AlarmName\": \"a\", \"NewStateValue\": \"PANIC\"}"}"#,
            field: "Message.NewStateValue",
            description: "Message.NewStateValue: expected ALARM, OK or INSUFFICIENT_DATA, found \"PANIC\""),
        Invalid(
            format: .cloudwatchSNS, body: #"{"Type": "Notification", "MessageId": "m", "TopicArn": "t"}"#,
            field: "Message", description: "Message: expected a string, found nothing"),
        Invalid(
            format: .text, body: " \n\t ", field: nil, description: "expected alert text, found nothing"),
        Invalid(
            format: .alertmanager, body: #"{"alerts": [}"#, field: nil,
            description: "expected a JSON object, found invalid JSON at byte 12: unexpected character"),
    ]

    @Test(arguments: invalid)
    func namesTheFieldAndWhatWasExpected(_ sample: Invalid) {
        do {
            let alerts = try AlertDecoder.decode(Data(sample.body.utf8), format: sample.format, receivedAt: Date())
            Issue.record("decoded \(alerts.count) alert(s) from an invalid payload")
        } catch let error as AlertDecodingError {
            #expect(error.field == sample.field)
            #expect(error.description == sample.description)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func subscriptionConfirmationIsRefusedByName() throws {
        let body = """
            {"Type": "SubscriptionConfirmation", "MessageId": "m-1", "Token": "2336412f37fb",
             "TopicArn": "arn:aws:sns:us-east-1:111122223333:alarms", "Message": "You have chosen to subscribe",
             "SubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription",
             "Timestamp": "2026-05-04T08:00:00.000Z", "SignatureVersion": "1", "Signature": "c2ln",
             "SigningCertURL": "https://sns.us-east-1.amazonaws.com/cert.pem"}
            """
        let error = #expect(throws: AlertDecodingError.self) {
            try AlertDecoder.decode(Data(body.utf8), format: .cloudwatchSNS, receivedAt: Date())
        }
        #expect(error?.field == "Type")
        #expect(error?.description.contains("\"SubscriptionConfirmation\"") == true)
        #expect(error?.expected == "Notification")
    }
}
