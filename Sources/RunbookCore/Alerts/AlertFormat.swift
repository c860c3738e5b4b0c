/// The payload format of an incoming alert, as named on the command line and in webhook paths.
///
/// `auto` asks ``AlertDecoder/detect(_:)`` to recognise the source from the JSON shape; a body that is not JSON is
/// `text`.
public enum AlertFormat: String, Sendable, CaseIterable {
    case auto, text, alertmanager, sentry, pingdom, datadog
    case cloudwatchSNS = "cloudwatch-sns"
    case generic
}
