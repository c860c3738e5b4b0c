import Foundation

/// A CloudWatch alarm delivered by SNS: the alarm is JSON text inside the envelope's `Message`.
///
/// The dedup key is the alarm ARN; `OK` resolves. Dimensions, namespace and metric become labels, those of a metric
/// math alarm's metrics too. A bare alarm object (no envelope, as a Lambda forwards it) is accepted too.
enum CloudWatchDecoder {
    static let states: [String: AlertStatus] = ["ALARM": .firing, "INSUFFICIENT_DATA": .firing, "OK": .resolved]

    static func decode(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        if root["AlarmName"].value != nil, root["Type"].value == nil {
            return try decodeAlarm(root, subject: nil, receivedAt: receivedAt)
        }
        let envelope = try SNSMessage(root)
        guard envelope.type == "Notification" else {
            throw .unsupportedMessageType(field: "Type", type: envelope.type)
        }
        guard case .object(let alarm)? = try? JSONParser.parse(Data(envelope.message.utf8)) else {
            return plainNotification(envelope, receivedAt: receivedAt)
        }
        let field = JSONField(.object(alarm), path: "Message")
        return try decodeAlarm(field, subject: envelope.subject, receivedAt: receivedAt)
    }

    private static func decodeAlarm(
        _ alarm: JSONField, subject: String?, receivedAt: Date
    ) throws(AlertDecodingError) -> Alert {
        let name = try alarm["AlarmName"].requiredString()
        let stateField = alarm["NewStateValue"]
        let state = try stateField.requiredString()
        guard let status = states[state] else {
            throw .unknownValue(field: stateField.path, expected: "ALARM, OK or INSUFFICIENT_DATA", value: state)
        }
        let description = try alarm["AlarmDescription"].string()
        let arn = try alarm["AlarmArn"].string()
        var labels: [String: String] = ["alarm_name": name]
        labels["account_id"] = try alarm["AWSAccountId"].scalar()
        labels["region"] = try alarm["Region"].string()
        let trigger = alarm["Trigger"]
        labels["namespace"] = try trigger["Namespace"].string()
        labels["metric_name"] = try trigger["MetricName"].string()
        try addDimensions(trigger["Dimensions"], to: &labels)
        let math = try metricMath(trigger, labels: &labels)
        var text = AlertText()
        text.add(description)
        text.add(math)
        text.add(try alarm["NewStateReason"].string())
        text.add(subject)
        let changedAt = try alarm["StateChangeTime"].date()
        let dedupKey = arn ?? StableHash.fnv1a("\(name)|\(labels["account_id"] ?? "")|\(labels["region"] ?? "")")
        return Alert(
            source: .cloudwatch,
            status: status,
            labels: labels,
            title: AlertTitle.join(name, description),
            text: text.text,
            startsAt: changedAt ?? receivedAt,
            endsAt: status == .resolved ? changedAt ?? receivedAt : nil,
            dedupKey: dedupKey,
            url: arn.flatMap(consoleURL)
        )
    }

    /// Adds an alarm's `[{"name", "value"}]` dimensions as labels; a dimension already read keeps its value.
    private static func addDimensions(
        _ dimensions: JSONField, to labels: inout [String: String]
    ) throws(AlertDecodingError) {
        for dimension in try dimensions.elements() ?? [] {
            guard let key = try dimension["name"].string(), labels[key] == nil else { continue }
            labels[key] = try dimension["value"].scalar()
        }
    }

    /// A metric math alarm (`Trigger.Metrics`) names its metrics inside each query's `MetricStat`, not in the
    /// trigger: their names become `metric_name` (in order, each once), the first namespace `namespace`, and their
    /// dimensions labels. Returns the labels the alarm's author gave its metrics and expressions
    /// (`conntrack_usage`), words of what is measured, for the text.
    private static func metricMath(
        _ trigger: JSONField, labels: inout [String: String]
    ) throws(AlertDecodingError) -> String? {
        guard let metrics = try trigger["Metrics"].elements(), !metrics.isEmpty else { return nil }
        var names: [String] = []
        var captions: [String] = []
        for query in metrics {
            let metric = query["MetricStat"]["Metric"]
            if let name = try metric["MetricName"].string(), !name.isEmpty, !names.contains(name) { names.append(name) }
            if labels["namespace"] == nil { labels["namespace"] = try metric["Namespace"].string() }
            try addDimensions(metric["Dimensions"], to: &labels)
            if let caption = try query["Label"].string(), !caption.isEmpty, !captions.contains(caption) {
                captions.append(caption)
            }
        }
        if labels["metric_name"] == nil, !names.isEmpty { labels["metric_name"] = names.joined(separator: " ") }
        return captions.isEmpty ? nil : captions.joined(separator: ", ")
    }

    /// An SNS notification whose message is not an alarm: kept as a text alert from CloudWatch's topic.
    private static func plainNotification(_ envelope: SNSMessage, receivedAt: Date) -> Alert {
        var text = AlertText()
        text.add(envelope.subject)
        text.add(envelope.message)
        let title = AlertTitle.clean(envelope.subject ?? envelope.message)
        return Alert(
            source: .cloudwatch,
            labels: ["topic_arn": envelope.topicARN],
            title: title.isEmpty ? "SNS notification" : title,
            text: text.text,
            startsAt: Timestamp.parse(envelope.timestamp) ?? receivedAt,
            dedupKey: StableHash.fnv1a("\(envelope.topicARN)|\(title)")
        )
    }

    /// `arn:aws:cloudwatch:<region>:<account>:alarm:<name>` → the alarm's page in the AWS console.
    private static func consoleURL(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count == 7, parts[2] == "cloudwatch", parts[5] == "alarm", !parts[3].isEmpty else { return nil }
        var allowed = CharacterSet.urlFragmentAllowed
        allowed.remove(charactersIn: "/#?")
        guard let name = String(parts[6]).addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        return "https://console.aws.amazon.com/cloudwatch/home?region=\(parts[3])#alarmsV2:alarm/\(name)"
    }
}
