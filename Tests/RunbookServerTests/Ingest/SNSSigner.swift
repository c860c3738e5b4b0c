import _CryptoExtras
import Crypto
import Foundation
import RunbookCore
import X509

/// A self-made SNS signer for tests: an RSA key, its self-signed certificate at an SNS-looking URL, and
/// messages signed the way SNS signs them.
struct SNSSigner: Sendable {
    static let certificateURL = URL(string: "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem")!

    let key: _RSA.Signing.PrivateKey
    let certificatePEM: String

    /// A new key with a certificate valid from `notValidBefore` to `notValidAfter` (a day either side of the
    /// fixture's clock by default).
    init(
        notValidBefore: Date = IngestFixture.now.addingTimeInterval(-86_400),
        notValidAfter: Date = IngestFixture.now.addingTimeInterval(86_400)
    ) throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let name = try DistinguishedName { CommonName("sns.amazonaws.com") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notValidBefore, notValidAfter: notValidAfter, issuer: name, subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption, extensions: Certificate.Extensions(),
            issuerPrivateKey: Certificate.PrivateKey(key))
        certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// A fetcher serving the certificate at `certificateURL`.
    func fetcher() -> MemoryFetcher {
        MemoryFetcher([Self.certificateURL: Data(certificatePEM.utf8)])
    }

    /// A notification carrying `message`, signed with `version` (1: SHA1, 2: SHA256).
    func notification(_ message: String, version: String = "1", certificateURL: URL = certificateURL) throws -> String {
        let envelope = SNSMessage(
            type: "Notification", messageID: "4d2c5c3e-0000-4000-8000-000000000001",
            topicARN: "arn:aws:sns:eu-west-1:123456789012:runbook-test", subject: "ALARM: PostgresReplicationLag",
            message: message, timestamp: "2025-06-15T15:00:00.000Z", signatureVersion: version,
            signingCertURL: certificateURL.absoluteString,
            unsubscribeURL: "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe")
        return try json(signed(envelope))
    }

    /// A subscription confirmation whose `SubscribeURL` is `subscribeURL`.
    func confirmation(subscribeURL: String) throws -> String {
        let envelope = SNSMessage(
            type: "SubscriptionConfirmation", messageID: "4d2c5c3e-0000-4000-8000-000000000002",
            topicARN: "arn:aws:sns:eu-west-1:123456789012:runbook-test",
            message: "You have chosen to subscribe to the topic. To confirm, visit the SubscribeURL.",
            timestamp: "2025-06-15T15:00:00.000Z", signatureVersion: "1",
            signingCertURL: Self.certificateURL.absoluteString, subscribeURL: subscribeURL, token: "2336412f37fb687f")
        return try json(signed(envelope))
    }

    /// `envelope` with its signature set.
    func signed(_ envelope: SNSMessage) throws -> SNSMessage {
        var envelope = envelope
        let text = Data(envelope.stringToSign.utf8)
        let signature = envelope.signatureVersion == "2"
            ? try key.signature(for: SHA256.hash(data: text), padding: .insecurePKCS1v1_5)
            : try key.signature(for: Insecure.SHA1.hash(data: text), padding: .insecurePKCS1v1_5)
        envelope.signature = signature.rawRepresentation.base64EncodedString()
        return envelope
    }

    /// The envelope as SNS posts it.
    func json(_ envelope: SNSMessage) throws -> String {
        var object: [String: String] = [
            "Type": envelope.type, "MessageId": envelope.messageID, "TopicArn": envelope.topicARN,
            "Message": envelope.message, "Timestamp": envelope.timestamp,
        ]
        object["Subject"] = envelope.subject
        object["SignatureVersion"] = envelope.signatureVersion
        object["Signature"] = envelope.signature
        object["SigningCertURL"] = envelope.signingCertURL
        object["SubscribeURL"] = envelope.subscribeURL
        object["Token"] = envelope.token
        object["UnsubscribeURL"] = envelope.unsubscribeURL
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
