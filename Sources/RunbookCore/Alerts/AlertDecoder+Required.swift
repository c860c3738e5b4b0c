import Foundation

extension AlertFormat {
    /// What a payload of this format must carry, in words, for error messages and `runbook match`.
    public var expectation: String {
        switch self {
        case .auto: "any of the formats below; a body that is not JSON is text"
        case .text: "free text (not JSON): an alert line, an e-mail subject, a chat message"
        case .alertmanager: "a JSON object with alerts[] (an Alertmanager webhook)"
        case .sentry:
            "a JSON object with data.event or data.issue (a Sentry integration webhook), or with culprit, "
                + "message or event (a legacy Sentry webhook)"
        case .pingdom: "a JSON object with check_id and current_state (a Pingdom webhook)"
        case .datadog:
            "a JSON object with at least one of alert_title (or title), id, alert_cycle_key or alert_transition "
                + "(a Datadog webhook)"
        case .cloudwatchSNS: "an SNS message: Type, Message holding a CloudWatch alarm (AlarmName, NewStateValue)"
        case .generic:
            "a JSON object with a title: title, summary, message, name or another string field (PagerDuty "
                + "Events v2: payload.summary; a PagerDuty V3 webhook: event.data.title)"
        }
    }

    /// Refuses an object that lacks the fields this format is known by, so a payload cannot claim a format it does
    /// not have (`--format sentry '{"x":1}'`) or open an incident with nothing to call it by (`{"foo":1}`).
    ///
    /// Formats whose decoders already require their fields (Alertmanager, Pingdom, Datadog, CloudWatch) pass here.
    func checkRequiredFields(_ object: JSONObject) throws(AlertDecodingError) {
        switch self {
        case .sentry:
            if case .object(let data)? = object["data"], data["event"] != nil || data["issue"] != nil { return }
            guard object["culprit"] != nil || object["message"] != nil || object["event"] != nil else {
                throw .missing(field: "data.event", expected: expectation)
            }
        case .generic:
            if object["event_action"] != nil || object["routing_key"] != nil { return }
            if PagerDutyWebhookDecoder.isWebhook(object) { return }
            guard GenericDecoder.findTitle(in: object) != nil else {
                throw .missing(field: "title", expected: expectation)
            }
        case .auto, .text, .alertmanager, .pingdom, .datadog, .cloudwatchSNS:
            return
        }
    }
}
