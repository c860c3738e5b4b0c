/// The body of the `200 OK` answer to an SNS `SubscriptionConfirmation` or `UnsubscribeConfirmation`.
///
/// `confirmed` is true when the server visited the `SubscribeURL` itself (setting `sns_auto_confirm`); otherwise the
/// URL is in the server's log at notice level for a person to visit.
struct SNSConfirmationResponse: Codable, Sendable, Equatable {
    var type: String
    var topic: String
    var confirmed: Bool
}
