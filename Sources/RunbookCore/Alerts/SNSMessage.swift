import Foundation

/// The Amazon SNS envelope an HTTP(S) subscription receives: a Notification or a (un)subscribe confirmation.
///
/// Decoded here so the server can check the signature (``stringToSign`` is AWS's canonical form) and confirm
/// subscriptions before the alarm inside `Message` is decoded.
///
/// ```swift
/// let envelope = try SNSMessage(body)
/// if envelope.type == "SubscriptionConfirmation" { /* visit envelope.subscribeURL */ }
/// ```
public struct SNSMessage: Sendable, Hashable {
    /// `Notification`, `SubscriptionConfirmation` or `UnsubscribeConfirmation`.
    public var type: String
    public var messageID: String
    public var topicARN: String
    /// Only notifications published with a subject carry one.
    public var subject: String?
    /// For a notification, what was published (a CloudWatch alarm as JSON text); for a confirmation, a note.
    public var message: String
    public var timestamp: String
    public var signatureVersion: String?
    public var signature: String?
    public var signingCertURL: String?
    /// Confirmations only: visiting it confirms the subscription.
    public var subscribeURL: String?
    /// Confirmations only.
    public var token: String?
    /// Notifications only.
    public var unsubscribeURL: String?

    /// The envelope's types that carry a `SubscribeURL` and `Token`.
    public static let confirmationTypes: Set<String> = ["SubscriptionConfirmation", "UnsubscribeConfirmation"]

    /// Memberwise initialiser, for tests and for messages built by hand.
    public init(
        type: String, messageID: String, topicARN: String, subject: String? = nil, message: String,
        timestamp: String, signatureVersion: String? = nil, signature: String? = nil, signingCertURL: String? = nil,
        subscribeURL: String? = nil, token: String? = nil, unsubscribeURL: String? = nil
    ) {
        self.type = type
        self.messageID = messageID
        self.topicARN = topicARN
        self.subject = subject
        self.message = message
        self.timestamp = timestamp
        self.signatureVersion = signatureVersion
        self.signature = signature
        self.signingCertURL = signingCertURL
        self.subscribeURL = subscribeURL
        self.token = token
        self.unsubscribeURL = unsubscribeURL
    }

    /// Decodes the envelope from an HTTP body.
    ///
    /// - Throws: ``AlertDecodingError`` naming a missing or mistyped field (`Type`, `MessageId`, `TopicArn`,
    ///   `Message`, `Timestamp` are required; `SubscribeURL` and `Token` too for confirmations).
    public init(_ data: Data) throws {
        try self.init(JSONField(AlertDecoder.parseJSON(data)))
    }

    init(_ root: JSONField) throws(AlertDecodingError) {
        guard try root.object(expected: "an SNS message object") != nil else {
            throw .missing(field: "", expected: "an SNS message object")
        }
        type = try root["Type"].requiredString()
        messageID = try root["MessageId"].requiredString()
        topicARN = try root["TopicArn"].requiredString()
        subject = try root["Subject"].string()
        message = try root["Message"].requiredString()
        timestamp = try root["Timestamp"].requiredString()
        signatureVersion = try root["SignatureVersion"].scalar()
        signature = try root["Signature"].string()
        signingCertURL = try root["SigningCertURL"].string()
        subscribeURL = try root["SubscribeURL"].string()
        token = try root["Token"].string()
        unsubscribeURL = try root["UnsubscribeURL"].string()
        if Self.confirmationTypes.contains(type) {
            _ = try root["SubscribeURL"].requiredString()
            _ = try root["Token"].requiredString()
        }
    }

    /// The canonical string SNS signs: `name\nvalue\n` for each signed field, in AWS's documented order.
    ///
    /// Notification: Message, MessageId, Subject (only when present), Timestamp, TopicArn, Type.
    /// SubscriptionConfirmation and UnsubscribeConfirmation: Message, MessageId, SubscribeURL, Timestamp, Token,
    /// TopicArn, Type.
    public var stringToSign: String {
        let fields: [(String, String?)]
        if Self.confirmationTypes.contains(type) {
            fields = [
                ("Message", message), ("MessageId", messageID), ("SubscribeURL", subscribeURL ?? ""),
                ("Timestamp", timestamp), ("Token", token ?? ""), ("TopicArn", topicARN), ("Type", type),
            ]
        } else {
            fields = [
                ("Message", message), ("MessageId", messageID), ("Subject", subject), ("Timestamp", timestamp),
                ("TopicArn", topicARN), ("Type", type),
            ]
        }
        return fields.compactMap { name, value in value.map { "\(name)\n\($0)\n" } }.joined()
    }
}
