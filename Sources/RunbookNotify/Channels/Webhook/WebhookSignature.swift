import Crypto
import Foundation

/// Standard Webhooks signing: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret.
///
/// A secret is written `whsec_<base64>`; the prefix is dropped and the rest decoded to the key bytes (a secret
/// that is not base64 is used as its UTF-8 bytes). Several secrets give several space-separated signatures,
/// so a receiver can rotate without missing a message.
public enum WebhookSignature {
    /// The `webhook-signature` header value for this message.
    public static func header(id: String, timestamp: Int64, body: Data, secrets: [String]) -> String {
        secrets.map { "v1," + signature(id: id, timestamp: timestamp, body: body, secret: $0) }
            .joined(separator: " ")
    }

    /// One base64 signature.
    public static func signature(id: String, timestamp: Int64, body: Data, secret: String) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key(secret)))
        return Data(mac).base64EncodedString()
    }

    /// The key bytes of a secret.
    static func key(_ secret: String) -> Data {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
        return Data(base64Encoded: encoded) ?? Data(encoded.utf8)
    }
}
