import Foundation

/// A CloudWatch alarm delivered by SNS: the alarm is JSON text inside the envelope's `Message`.
///
/// The dedup key is the alarm ARN; `OK` resolves. Dimensions, namespace and metric become labels. A bare alarm
/// object (no envelope, as a Lambda forwards it) is accepted too.
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
        for dimension in try trigger["Dimensions"].elements() ?? [] {
            if let key = try dimension["name"].string(), let value = try dimension["value"].scalar() {
                labels[key] = value
            }
        }
        var text = AlertText()
        text.add(description)
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
