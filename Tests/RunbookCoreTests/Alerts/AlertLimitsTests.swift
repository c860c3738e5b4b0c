import Foundation
import Testing

@testable import RunbookCore

/// Every decoder holds a payload to ``AlertLimits``, and Alertmanager's common labels cannot amplify one request.
struct AlertLimitsTests {
    static func limitError(
        _ body: String, _ format: AlertFormat = .auto, limits: AlertLimits = AlertLimits()
    ) -> AlertDecodingError? {
        do {
            _ = try AlertDecoder.decode(Data(body.utf8), format: format, receivedAt: Date(), limits: limits)
            return nil
        } catch let error as AlertDecodingError {
            return error
        } catch {
            return nil
        }
    }

    static func labels(_ count: Int, prefix: String = "l") -> String {
        (0..<count).map { "\"\(prefix)\($0)\":\"v\"" }.joined(separator: ",")
    }

    @Test
    func commonLabelsTimesManyAlertsIsRefusedBeforeAnyAlertIsBuilt() {
        let alerts = Array(repeating: "{}", count: 30_000).joined(separator: ",")
        let body = #"{"version":"4","status":"firing","commonLabels":{\#(Self.labels(12_000))},"alerts":[\#(alerts)]}"#
        let clock = ContinuousClock()
        var error: AlertDecodingError?
        let elapsed = clock.measure { error = Self.limitError(body) }
        #expect(error?.limit == .alertsPerRequest)
        #expect(error?.field == "alerts")
        #expect(error?.description.contains("limits.alerts_per_request") == true)
        #expect(elapsed < .seconds(5))
    }

    @Test
    func commonLabelsOverTheLabelLimitAreRefusedAtCommonLabels() {
        let body = #"{"version":"4","commonLabels":{\#(Self.labels(101))},"alerts":[{}]}"#
        let error = Self.limitError(body)
        #expect(error?.limit == .labelsPerAlert)
        #expect(error?.field == "commonLabels")
    }

    @Test
    func labelsAreCountedAfterMergingCommonLabels() {
        let body = #"{"version":"4","commonLabels":{\#(Self.labels(60))},"alerts":[{"labels":{\#(Self.labels(2))}},"#
            + #"{"labels":{\#(Self.labels(60, prefix: "own"))}}]}"#
        let error = Self.limitError(body)
        #expect(error?.limit == .labelsPerAlert)
        #expect(error?.field == "alerts[1].labels")
        #expect(error?.description.contains("at most 100 labels") == true)
    }

    @Test
    func mergedLabelsAndAnnotationsOfTheWholeRequestAreBounded() {
        var limits = AlertLimits()
        limits.requestAlertBytes = 10_000
        let value = String(repeating: "v", count: 4_000)
        let alerts = Array(repeating: "{}", count: 5).joined(separator: ",")
        let body = #"{"version":"4","commonLabels":{"big":"\#(value)"},"alerts":[\#(alerts)]}"#
        let error = Self.limitError(body, limits: limits)
        #expect(error?.limit == .requestAlertBytes)
        #expect(error?.field == "alerts[2]")
    }

    @Test(arguments: [
        (#"{"version":"4","alerts":[{"labels":{"a":"\#(String(repeating: "x", count: 5_000))"}}]}"#,
         AlertLimits.Kind.labelValueBytes, "alerts[0].labels.a"),
        (#"{"version":"4","alerts":[{"labels":{"\#(String(repeating: "n", count: 300))":"x"}}]}"#,
         .labelNameBytes, "alerts[0].labels"),
        (#"{"version":"4","alerts":[{"annotations":{"d":"\#(String(repeating: "x", count: 70_000))"}}]}"#,
         .annotationBytes, "alerts[0].annotations"),
        (#"{"routing_key":"k","event_action":"trigger","payload":{"summary":"s","source":"h","#
            + #""custom_details":{"\#(String(repeating: "n", count: 300))":"x"}}}"#, .labelNameBytes, "labels"),
        (#"{"routing_key":"k","event_action":"trigger","payload":{"summary":"s","source":"h","#
            + #""custom_details":{\#(Self.labels(101))}}}"#, .labelsPerAlert, "labels"),
        (#"{"title":"t","\#(String(repeating: "n", count: 300))":"x"}"#, .labelNameBytes, "labels"),
        (#"{"title":"t","summary":"\#(String(repeating: "x", count: 70_000))"}"#, .annotationBytes, "annotations"),
    ])
    func everyDecoderIsHeldToTheLimits(body: String, kind: AlertLimits.Kind, field: String) {
        let error = Self.limitError(body)
        #expect(error?.limit == kind, "\(String(describing: error))")
        #expect(error?.field == field)
    }

    @Test
    func aPayloadWithinTheLimitsDecodes() {
        let body = #"{"version":"4","commonLabels":{\#(Self.labels(50))},"alerts":[{"labels":{\#(Self.labels(50))}}]}"#
        #expect(Self.limitError(body) == nil)
    }

    @Test
    func smallerConfiguredLimitsAreApplied() {
        var limits = AlertLimits()
        limits.alertsPerRequest = 2
        let body = #"{"version":"4","alerts":[{},{},{}]}"#
        #expect(Self.limitError(body, limits: limits)?.limit == .alertsPerRequest)
    }
}
