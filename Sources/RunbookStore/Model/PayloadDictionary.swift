/// Preset dictionaries for compressing stored payloads (`PayloadEncoding`).
///
/// A dictionary is text the compressor may refer back to as if it came before the body: the keys and fixed values
/// of the webhook formats Runbook receives. A stored body can only be read with the dictionary it was written with,
/// so a dictionary never changes once released: a better one is added under a new name, with a new
/// `PayloadEncoding` case, and the old one stays for the rows that use it.
enum PayloadDictionary {
    /// The first dictionary: the webhook shapes of PagerDuty, Pingdom, CloudWatch through SNS, Sentry, Datadog and
    /// Alertmanager, in that order. zlib codes a reference to the end of a dictionary in fewer bits than one to its
    /// start, so the most frequent source, Alertmanager, comes last.
    static let webhooks1: [UInt8] = Array([
        #"{"routing_key":"","event_action":"trigger","dedup_key":"","payload":{"summary":"","source":"","#,
        #""severity":"critical","component":"","group":"","class":"","custom_details":{}}}"#,
        #"{"event":{"id":"","event_type":"incident.triggered","resource_type":"incident","occurred_at":"","#,
        #""agent":null,"client":null,"data":{"id":"","type":"incident","self":"https://api.pagerduty.com/"#,
        #"incidents/","html_url":"https://","number":,"status":"triggered","incident_key":"","#,
        #""created_at":"","title":"","service":{"html_url":"","id":"","self":"","summary":"","#,
        #""type":"service_reference"},"assignees":[],"escalation_policy":{},"teams":[],"priority":null,"#,
        #""urgency":"high","conference_bridge":null,"resolve_reason":null}}}"#,
        #"{"check_id":,"check_name":"","check_type":"HTTP","check_params":{"basic_auth":false,"#,
        #""encryption":true,"full_url":"https://","header":"User-Agent:Pingdom.com_bot_version_1.4_"#,
        #"(http://www.pingdom.com/)","hostname":"","ipv6":false,"port":443,"url":"/"},"tags":[],"#,
        #""previous_state":"UP","current_state":"DOWN","importance_level":"HIGH","#,
        #""state_changed_timestamp":,"state_changed_utc_time":"","long_description":"","description":"","#,
        #""first_probe":{"ip":"","ipv6":"","location":""},"second_probe":{"ip":"","ipv6":"","location":""}}"#,
        #"{"Type":"Notification","MessageId":"","TopicArn":"arn:aws:sns:us-east-1:","#,
        #""Subject":"ALARM: \"\" in US East (N. Virginia)","Message":"{\"AlarmName\":\"\","#,
        #"\"AlarmDescription\":\"\",\"AWSAccountId\":\"\",\"NewStateValue\":\"ALARM\","#,
        #"\"NewStateReason\":\"Threshold Crossed: 1 datapoint [] was greater than the threshold ().\","#,
        #"\"StateChangeTime\":\"\",\"Region\":\"US East (N. Virginia)\",\"AlarmArn\":\"arn:aws:cloudwatch:"#,
        #"\",\"OldStateValue\":\"OK\",\"Trigger\":{\"MetricName\":\"\",\"Namespace\":\"AWS/\","#,
        #"\"StatisticType\":\"Statistic\",\"Statistic\":\"AVERAGE\",\"Unit\":null,\"Dimensions\":"#,
        #"[{\"value\":\"\",\"name\":\"\"}],\"Period\":300,\"EvaluationPeriods\":1,"#,
        #"\"ComparisonOperator\":\"GreaterThanThreshold\",\"Threshold\":,\"TreatMissingData\":\"missing\"}}","#,
        #""Timestamp":"","SignatureVersion":"1","Signature":"","SigningCertURL":"https://sns.","#,
        #""UnsubscribeURL":"https://sns."}"#,
        #"{"id":"","project":"","project_name":"","project_slug":"","logger":"","level":"error","#,
        #""culprit":"","message":"","url":"https://sentry.io/organizations/","triggering_rules":[],"#,
        #""event":{"event_id":"","level":"error","timestamp":,"tags":[["environment","production"],"#,
        #"["level","error"],["release",""]],"exception":{"values":[{"type":"","value":"","#,
        #""stacktrace":{"frames":[{"filename":"","function":"","lineno":}]}}]}}}"#,
        #"{"id":"","last_updated":"","event_type":"query_alert_monitor","title":"[Triggered] ","date":"","#,
        #""org":{"id":"","name":""},"body":"%%%\n","alert_transition":"Triggered","alert_type":"error","#,
        #""alert_id":"","alert_query":"","alert_metric":"","priority":"normal","hostname":"","tags":"","#,
        #""link":"https://app.datadoghq.com/monitors/"}"#,
        #"{"receiver":"","status":"firing","alerts":[{"status":"resolved","labels":{"alertname":"","#,
        #""container":"","namespace":"","pod":"","service":"","job":"","instance":"","severity":"critical"},"#,
        #""annotations":{"description":"","runbook_url":"","summary":""},"startsAt":"T00:00:00.000Z","#,
        #""endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=","#,
        #""fingerprint":""},{"status":"firing","labels":{"alertname":"","instance":"","job":"","#,
        #""severity":"warning"},"annotations":{"summary":""},"startsAt":"","#,
        #""endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":""}],"#,
        #""groupLabels":{"alertname":""},"commonLabels":{"alertname":"","severity":"warning"},"#,
        #""commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4","#,
        #""groupKey":"{}:{alertname=\""}","truncatedAlerts":0}"#,
    ].joined().utf8)
}
