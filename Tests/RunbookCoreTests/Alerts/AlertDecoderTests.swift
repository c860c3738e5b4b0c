import Foundation
import Testing

@testable import RunbookCore

struct AlertDecoderTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func decode(_ json: String, _ format: AlertFormat = .auto) throws -> [Alert] {
        try AlertDecoder.decode(Data(json.utf8), format: format, receivedAt: now)
    }

    static let alertmanagerGroup = """
        {"version": "4", "groupKey": "{}:{alertname=\\"QueueBacklogHigh\\"}", "status": "firing",
         "receiver": "team-pager", "externalURL": "http://am.example.net",
         "groupLabels": {"alertname": "QueueBacklogHigh"},
         "commonLabels": {"alertname": "QueueBacklogHigh", "severity": "Warning"},
         "commonAnnotations": {"summary": "Queue backlog is growing"},
         "alerts": [
          {"status": "firing", "labels": {"alertname": "QueueBacklogHigh", "queue": "emails", "severity": "Warning"},
           "annotations": {"summary": "Queue backlog is growing", "descrition": "emails has 9120 jobs waiting",
                           "runbook_url": "https://wiki.example.net/queues"},
           "startsAt": "2026-05-04T10:11:12.123456789Z", "endsAt": "0001-01-01T00:00:00Z",
           "generatorURL": "http://prom.example.net/graph?g0.expr=x", "fingerprint": "0a1b2c3d4e5f6071"},
          {"status": "resolved", "labels": {"alertname": "QueueBacklogHigh", "queue": "webhooks"},
           "annotations": {}, "startsAt": "2026-05-04T09:00:00+02:00", "endsAt": "2026-05-04T10:00:00Z"}
         ]}
        """

    @Test func alertmanagerGroupBecomesOneAlertEach() throws {
        let alerts = try Self.decode(Self.alertmanagerGroup)
        try #require(alerts.count == 2)
        let first = alerts[0]
        #expect(first.source == .alertmanager)
        #expect(first.status == .firing)
        #expect(first.title == "QueueBacklogHigh: Queue backlog is growing")
        #expect(first.text == "Queue backlog is growing\nemails has 9120 jobs waiting")
        #expect(first.dedupKey == "0a1b2c3d4e5f6071")
        #expect(first.groupKey == "{}:{alertname=\"QueueBacklogHigh\"}")
        #expect(first.severity == "warning")
        #expect(first.endsAt == nil)
        #expect(first.startsAt == Date(timeIntervalSince1970: 1_777_889_472.123_456_789))
        #expect(first.annotations["runbook_url"] == "https://wiki.example.net/queues")
        #expect(first.url == "http://prom.example.net/graph?g0.expr=x")
        let second = alerts[1]
        #expect(second.status == .resolved)
        #expect(second.labels["severity"] == "Warning")
        #expect(second.annotations["summary"] == "Queue backlog is growing")
        #expect(second.startsAt == Date(timeIntervalSince1970: 1_777_878_000))
        #expect(second.endsAt == Date(timeIntervalSince1970: 1_777_888_800))
        #expect(second.dedupKey == AlertmanagerDecoder.derivedFingerprint(second.labels))
    }

    @Test func derivedFingerprintIgnoresLabelOrder() {
        let one = AlertmanagerDecoder.derivedFingerprint(["a": "1", "b": "2"])
        let other = AlertmanagerDecoder.derivedFingerprint(["b": "2", "a": "1"])
        #expect(one == other)
        #expect(one != AlertmanagerDecoder.derivedFingerprint(["a": "1", "b": "3"]))
        #expect(one.count == 16)
    }

    @Test func sentryIssueAlertWebhook() throws {
        let json = """
            {"action": "triggered", "actor": {"type": "application", "id": "sentry", "name": "Sentry"},
             "data": {"triggered_rule": "checkout errors",
              "event": {"event_id": "5e1f0c2a9b7d4e3f8a6c1b0d2e4f6a8c", "issue_id": "4410982", "project": 17,
               "title": "KeyError: 'currency'", "culprit": "shop.checkout.views in pay", "level": "fatal",
               "web_url": "https://sentry.example.net/issues/4410982/events/5e1f/",
               "datetime": "2026-05-04T08:00:00.500000Z",
               "tags": [["environment", "production"], ["server_name", "web-3"]],
               "exception": {"values": [{"type": "KeyError", "value": "'currency'"}]}}},
             "installation": {"uuid": "a9b1c2d3-0000-4000-8000-1234567890ab"}}
            """
        let alert = try #require(try Self.decode(json).first)
        #expect(AlertDecoder.detect(Data(json.utf8)) == .sentry)
        #expect(alert.source == .sentry)
        #expect(alert.title == "KeyError: 'currency'")
        #expect(alert.dedupKey == "4410982")
        #expect(alert.severity == "critical")
        #expect(alert.labels["server_name"] == "web-3")
        #expect(alert.labels["triggered_rule"] == "checkout errors")
        #expect(alert.text.contains("shop.checkout.views in pay"))
        #expect(alert.url == "https://sentry.example.net/issues/4410982/events/5e1f/")
        #expect(alert.startsAt == Date(timeIntervalSince1970: 1_777_881_600.5))
    }

    @Test func sentryIssueWebhookResolves() throws {
        let json = """
            {"action": "resolved", "data": {"issue": {"id": "4410982", "title": "KeyError: 'currency'",
             "culprit": "shop.checkout.views in pay", "level": "error", "status": "resolved",
             "permalink": "https://sentry.example.net/issues/4410982/"}}}
            """
        let alert = try #require(try Self.decode(json).first)
        #expect(alert.source == .sentry)
        #expect(alert.status == .resolved)
        #expect(alert.dedupKey == "4410982")
        #expect(alert.url == "https://sentry.example.net/issues/4410982/")
    }

    @Test func sentryLegacyPlugin() throws {
        let json = """
            {"id": "998877", "project": "billing-worker", "project_name": "Billing Worker",
             "culprit": "billing.tasks.charge", "message": "TimeoutError: card gateway did not answer",
             "url": "https://sentry.example.net/acme/billing-worker/issues/998877/", "level": "error",
             "event": {"event_id": "77aa", "timestamp": 1777881600.25, "environment": "production",
                       "tags": [{"key": "celery_task", "value": "charge"}]}}
            """
        let alert = try #require(try Self.decode(json).first)
        #expect(alert.source == .sentry)
        #expect(alert.title == "TimeoutError: card gateway did not answer")
        #expect(alert.dedupKey == "998877")
        #expect(alert.labels["project"] == "billing-worker")
        #expect(alert.labels["celery_task"] == "charge")
        #expect(alert.severity == "error")
        #expect(alert.startsAt == Date(timeIntervalSince1970: 1_777_881_600.25))
        #expect(alert.url == "https://sentry.example.net/acme/billing-worker/issues/998877/")
    }

    @Test(arguments: [("DOWN", AlertStatus.firing), ("UP", .resolved), ("SUCCESS", .resolved)])
    func pingdomStateChange(state: String, status: AlertStatus) throws {
        let json = """
            {"check_id": 7001, "check_name": "Shop production checkout page", "check_type": "HTTP",
             "check_params": {"hostname": "shop.example.com", "full_url": "https://shop.example.com/checkout"},
             "tags": ["shop", "production"], "previous_state": "UP", "current_state": "\(state)",
             "importance_level": "HIGH", "state_changed_timestamp": 1777881600,
             "state_changed_utc_time": "2026-05-04T08:00:00", "description": "Timeout (> 30s)",
             "long_description": "Timeout (> 30s)"}
            """
        let alert = try #require(try Self.decode(json).first)
        #expect(alert.source == .pingdom)
        #expect(alert.status == status)
        #expect(alert.title == "Shop production checkout page is \(state)")
        #expect(alert.dedupKey == "7001")
        #expect(alert.labels["hostname"] == "shop.example.com")
        #expect(alert.labels["tags"] == "shop,production")
        #expect(alert.severity == "critical")
        #expect(alert.startsAt == Date(timeIntervalSince1970: 1_777_881_600))
        #expect((alert.endsAt != nil) == (status == .resolved))
    }

    @Test func datadogDefaultTemplate() throws {
        let json = """
            {"id": "6655443322110099", "last_updated": "1777881600000", "event_type": "metric_alert_monitor",
             "title": "[Recovered] Disk space low on search nodes", "date": "1777881600000",
             "org": {"id": "12", "name": "Acme"}, "body": "%%%\\nDisk back above 20% free.\\n%%%"}
            """
        let alert = try #require(try Self.decode(json).first)
        #expect(AlertDecoder.detect(Data(json.utf8)) == .datadog)
        #expect(alert.source == .datadog)
        #expect(alert.status == .resolved)
        #expect(alert.title == "Disk space low on search nodes")
        #expect(alert.dedupKey == "6655443322110099")
        #expect(alert.labels["org"] == "Acme")
        #expect(alert.text.contains("Disk back above 20% free."))
        #expect(!alert.text.contains("%%%"))
        #expect(alert.startsAt == Date(timeIntervalSince1970: 1_777_881_600))
    }

    @Test(arguments: [
        ("Triggered", AlertStatus.firing, Optional("error")), ("Re-Triggered", .firing, "error"),
        ("Warn", .firing, "warning"), ("No Data", .firing, "error"), ("Recovered", .resolved, "error"),
    ])
    func datadogCustomTemplateTransitions(transition: String, status: AlertStatus, severity: String?) throws {
        let json = """
            {"alert_id": "4242", "alert_transition": "\(transition)", "alert_cycle_key": "cycle-88",
             "aggreg_key": "agg-1", "alert_title": "[\(transition)] search-api latency high", "alert_type": "error",
             "tags": "env:prod, service:search-api,team:search,canary", "hostname": "search-7", "priority": "P2",
             "link": "https://app.datadoghq.com/monitors/4242", "event_msg": "p95 above 800ms"}
            """
        let alert = try #require(try Self.decode(json, .datadog).first)
        #expect(alert.status == status)
        #expect(alert.title == "search-api latency high")
        #expect(alert.dedupKey == "cycle-88")
        #expect(alert.groupKey == "4242")
        #expect(alert.labels["service"] == "search-api")
        #expect(alert.labels["env"] == "prod")
        #expect(alert.labels["tag:canary"] == "canary")
        #expect(alert.labels["host"] == "search-7")
        #expect(alert.severity == severity)
        #expect(alert.url == "https://app.datadoghq.com/monitors/4242")
    }

    @Test func datadogDedupFallsBackToAggregationKeyThenId() throws {
        let aggregated = try Self.decode(#"{"aggreg_key": "agg-9", "id": "1", "title": "x"}"#, .datadog)
        let plain = try Self.decode(#"{"id": "1", "title": "x"}"#, .datadog)
        #expect(aggregated.first?.dedupKey == "agg-9")
        #expect(plain.first?.dedupKey == "1")
    }

    static func snsNotification(state: String) -> String {
        let alarm = """
            {"AlarmName": "orders-db-prod-cpu-high", "AlarmDescription": "Orders database CPU above 85%",
             "AWSAccountId": "111122223333", "NewStateValue": "\(state)",
             "NewStateReason": "Threshold Crossed: 1 datapoint [91.2] was greater than the threshold (85.0).",
             "StateChangeTime": "2026-05-04T08:00:00.000+0000", "Region": "EU (Ireland)",
             "AlarmArn": "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-prod-cpu-high",
             "OldStateValue": "OK",
             "Trigger": {"MetricName": "CPUUtilization", "Namespace": "AWS/RDS",
                         "Dimensions": [{"value": "orders-db-prod", "name": "DBInstanceIdentifier"}]}}
            """
        let message = JSONText.write(.string(alarm))
        return """
            {"Type": "Notification", "MessageId": "0b3c9f7e-1111-4a2b-9c3d-5e6f7a8b9c0d",
             "TopicArn": "arn:aws:sns:eu-west-1:111122223333:ops-alarms",
             "Subject": "ALARM: \\"orders-db-prod-cpu-high\\" in EU (Ireland)", "Message": \(message),
             "Timestamp": "2026-05-04T08:00:01.000Z", "SignatureVersion": "1", "Signature": "c2lnbmF0dXJl",
             "SigningCertURL": "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
             "UnsubscribeURL": "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe"}
            """
    }

    @Test(arguments: [("ALARM", AlertStatus.firing), ("OK", .resolved), ("INSUFFICIENT_DATA", .firing)])
    func cloudWatchAlarmInsideSNS(state: String, status: AlertStatus) throws {
        let json = Self.snsNotification(state: state)
        #expect(AlertDecoder.detect(Data(json.utf8)) == .cloudwatchSNS)
        let alert = try #require(try Self.decode(json).first)
        #expect(alert.source == .cloudwatch)
        #expect(alert.status == status)
        #expect(alert.title == "orders-db-prod-cpu-high: Orders database CPU above 85%")
        #expect(alert.dedupKey == "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-prod-cpu-high")
        #expect(alert.labels["DBInstanceIdentifier"] == "orders-db-prod")
        #expect(alert.labels["namespace"] == "AWS/RDS")
        #expect(alert.labels["metric_name"] == "CPUUtilization")
        #expect(alert.text.contains("Threshold Crossed"))
        #expect(alert.startsAt == Date(timeIntervalSince1970: 1_777_881_600))
        #expect(alert.url?.hasPrefix("https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#") == true)
        #expect(AlertKey.key(for: alert) == "orders-db-cpu-high")
    }

    /// A metric math alarm names its metrics inside `Trigger.Metrics`: their names, namespace and dimensions are
    /// labels as a single metric's are, and the captions its author gave them are words of the text.
    @Test func cloudWatchMetricMathAlarm() throws {
        let alarm = """
            {"AlarmName": "eks-prod-conntrack-usage", "AWSAccountId": "111122223333", "NewStateValue": "ALARM",
             "NewStateReason": "Threshold Crossed: 3 datapoints were greater than the threshold (0.75).",
             "Region": "EU (Ireland)", "AlarmArn": "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:eks-conntrack",
             "Trigger": {"Metrics": [
               {"Id": "e1", "Expression": "m1/m2", "Label": "conntrack_usage", "ReturnData": true},
               {"Id": "m1", "ReturnData": false, "MetricStat": {"Period": 300, "Stat": "Maximum", "Metric": {
                 "Namespace": "ContainerInsights/Prometheus", "MetricName": "node_nf_conntrack_entries",
                 "Dimensions": [{"value": "eks-prod", "name": "ClusterName"},
                                {"value": "ip-10-0-1-2", "name": "NodeName"}]}}},
               {"Id": "m2", "ReturnData": false, "MetricStat": {"Period": 300, "Stat": "Maximum", "Metric": {
                 "Namespace": "ContainerInsights/Prometheus", "MetricName": "node_nf_conntrack_entries_limit",
                 "Dimensions": [{"value": "eks-prod", "name": "ClusterName"},
                                {"value": "ip-10-0-1-2", "name": "NodeName"},
                                {"value": "spoofed", "name": "alarm_name"}]}}}],
               "EvaluationPeriods": 3, "ComparisonOperator": "GreaterThanThreshold", "Threshold": 0.75}}
            """
        let alert = try #require(try Self.decode(alarm, .cloudwatchSNS).first)
        #expect(alert.labels["metric_name"] == "node_nf_conntrack_entries node_nf_conntrack_entries_limit")
        #expect(alert.labels["namespace"] == "ContainerInsights/Prometheus")
        #expect(alert.labels["ClusterName"] == "eks-prod")
        #expect(alert.labels["NodeName"] == "ip-10-0-1-2")
        // A dimension never replaces what the alarm itself says.
        #expect(alert.labels["alarm_name"] == "eks-prod-conntrack-usage")
        #expect(alert.text.contains("conntrack_usage"))
        #expect(alert.text.contains("Threshold Crossed"))
    }

    /// A metric math query with a metric of the wrong shape is refused with the path of what was wrong.
    @Test func cloudWatchMetricMathWithAMalformedMetricIsRefused() throws {
        let alarm = """
            {"AlarmName": "a", "NewStateValue": "ALARM",
             "Trigger": {"Metrics": [{"Id": "m1", "MetricStat": {"Metric": {"MetricName": ["not", "a", "name"]}}}]}}
            """
        #expect {
            try Self.decode(alarm, .cloudwatchSNS)
        } throws: { error in
            "\(error)".contains("Trigger.Metrics[0].MetricStat.Metric.MetricName")
        }
    }

    @Test func pagerDutyEventsV2() throws {
        let json = """
            {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "trigger",
             "dedup_key": "disk/web-4/var", "client": "Acme Monitor", "client_url": "https://monitor.example.net",
             "links": [{"href": "https://monitor.example.net/alerts/17", "text": "Alert"}],
             "payload": {"summary": "Disk /var on web-4 is 97% full", "source": "web-4", "severity": "warning",
                         "timestamp": "2026-05-04T08:00:00Z", "component": "nginx", "group": "web",
                         "class": "disk", "custom_details": {"free_bytes": 1048576, "mount": "/var",
                         "description": "Rotate logs or grow the volume"}}}
            """
        let alert = try #require(try Self.decode(json).first)
        #expect(alert.source == .generic)
        #expect(alert.status == .firing)
        #expect(alert.title == "Disk /var on web-4 is 97% full")
        #expect(alert.dedupKey == "disk/web-4/var")
        #expect(alert.severity == "warning")
        #expect(alert.labels["component"] == "nginx")
        #expect(alert.labels["free_bytes"] == "1048576")
        #expect(alert.annotations["description"] == "Rotate logs or grow the volume")
        #expect(alert.url == "https://monitor.example.net/alerts/17")
    }

    @Test func pagerDutyFromAlertmanagerReadsTheTemplatedLabels() throws {
        let firing = "Labels:\\n - alertname = ShardUnassigned\\n - service = search\\nAnnotations:\\n"
            + " - summary = A shard is unassigned\\nSource: http://prom.example.net/graph\\n"
        let json = """
            {"routing_key": "k", "event_action": "resolve", "dedup_key": "abc",
             "payload": {"summary": "[RESOLVED] ShardUnassigned (search)", "source": "Alertmanager",
                         "severity": "critical", "custom_details": {"firing": "\(firing)", "num_firing": "1"}}}
            """
        let alert = try #require(try Self.decode(json).first)
        #expect(alert.status == .resolved)
        #expect(alert.labels["alertname"] == "ShardUnassigned")
        #expect(alert.labels["service"] == "search")
        #expect(alert.annotations["summary"] == "A shard is unassigned")
        #expect(AlertKey.key(for: alert) == "ShardUnassigned search")
    }

    @Test func genericDedupKeyIsDerivedFromTitleAndSource() throws {
        let first = try Self.decode(#"{"event_action": "trigger", "payload": {"summary": "s", "source": "a"}}"#)
        let again = try Self.decode(#"{"event_action": "trigger", "payload": {"summary": "s", "source": "a"}}"#)
        let other = try Self.decode(#"{"event_action": "trigger", "payload": {"summary": "s", "source": "b"}}"#)
        #expect(first.first?.dedupKey == again.first?.dedupKey)
        #expect(first.first?.dedupKey != other.first?.dedupKey)
    }

    @Test func anyJSONObjectGetsATitleTextAndLabels() throws {
        let grafana = """
            {"title": "[Alerting] Checkout error rate", "ruleId": 12, "ruleName": "Checkout error rate",
             "state": "alerting", "message": "More than 2% of checkouts fail",
             "evalMatches": [{"metric": "errors", "tags": {"service": "checkout"}, "value": 3.1}],
             "ruleUrl": "https://grafana.example.net/d/abc?panelId=2", "tags": {"team": "payments"}}
            """
        let alert = try #require(try Self.decode(grafana).first)
        #expect(AlertDecoder.detect(Data(grafana.utf8)) == .generic)
        #expect(alert.title == "[Alerting] Checkout error rate")
        #expect(alert.status == .firing)
        #expect(alert.labels["team"] == "payments")
        #expect(alert.labels["ruleId"] == "12")
        #expect(alert.text.contains("More than 2% of checkouts fail"))
        #expect(alert.url == "https://grafana.example.net/d/abc?panelId=2")
        #expect(AlertKey.key(for: alert) == "Checkout error rate")
    }

    @Test func nestedNameWinsWhenTheTopLevelHasNone() throws {
        let logSearch = """
            {"events": [{"message": "ERROR payment declined for order 1234", "hostname": "pay-2"}],
             "saved_search": {"id": 55, "name": "payment declines"}, "max_id": "9"}
            """
        let alert = try #require(try Self.decode(logSearch).first)
        #expect(alert.title == "payment declines")
        #expect(alert.text.contains("ERROR payment declined for order 1234"))
    }

    @Test func airflowCallbackUsesTheDagAsTitleAndResolvesOnSuccess() throws {
        let callback = #"{"dag_id": "nightly_etl", "task_id": "load", "state": "failed"}"#
        let failed = try #require(try Self.decode(callback).first)
        let success = try #require(try Self.decode(#"{"dag_id": "nightly_etl", "state": "success"}"#).first)
        #expect(failed.title == "nightly_etl")
        #expect(failed.labels["task_id"] == "load")
        #expect(failed.status == .firing)
        #expect(success.status == .resolved)
    }

    @Test func textBecomesOneAlert() throws {
        let text = "\n\n  [FIRING:1] NodeDown ip-10-1-2-3 production\nnode has not answered for 5 minutes\n"
        let alert = try #require(try Self.decode(text).first)
        #expect(alert.source == .text)
        #expect(alert.title == "[FIRING:1] NodeDown ip-10-1-2-3 production")
        #expect(alert.text.hasSuffix("node has not answered for 5 minutes"))
        #expect(alert.startsAt == Self.now)
        let again = try #require(try Self.decode("[FIRING:2] NodeDown ip-10-9-9-9 production").first)
        #expect(again.dedupKey == alert.dedupKey)
    }

    @Test func emailTextTakesItsSubject() throws {
        let mail = "From: Monitor <monitor@example.net>\nSubject: [RESOLVED] Backup job late\n\nThe job ran."
        let alert = try #require(try Self.decode(mail, .text).first)
        #expect(alert.title == "[RESOLVED] Backup job late")
        #expect(alert.status == .resolved)
    }

    @Test func longTitlesAreCutAtAWord() throws {
        let text = String(repeating: "word ", count: 200)
        let alert = try #require(try Self.decode(text, .text).first)
        #expect(alert.title.count <= AlertTitle.limit + 1)
        #expect(alert.title.hasSuffix("word…"))
    }
}
