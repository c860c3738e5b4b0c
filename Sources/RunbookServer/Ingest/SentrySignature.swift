import Crypto
import Foundation
import HTTPTypes

/// Checks a Sentry webhook: `Sentry-Hook-Signature` is the hex HMAC-SHA256 of the body keyed with the client
/// secret, and `Sentry-Hook-Timestamp` (Unix seconds) is within `tolerance` of now.
///
/// The key is the integration's signing secret (Sentry's client secret) when one is set, else its own secret.
/// The comparison is constant-time (`HMAC.isValidAuthenticationCode`).
enum SentrySignature {
    static let signatureHeader = "Sentry-Hook-Signature"
    static let timestampHeader = "Sentry-Hook-Timestamp"
    static let signatureField = HTTPField.Name(signatureHeader)!
    static let timestampField = HTTPField.Name(timestampHeader)!
    /// How far the timestamp may be from now, either way.
    static let tolerance: TimeInterval = 300

    /// Returns when the signature and timestamp are valid; else throws the 4xx to answer.
    static func verify(body: Data, signature: String?, timestamp: String?, key: String, now: Date) throws(APIError) {
        guard let timestamp, let seconds = Double(timestamp.trimmingCharacters(in: .whitespaces)) else {
            throw .badSignature("a Unix timestamp in seconds is required", field: timestampHeader)
        }
        guard abs(now.timeIntervalSince1970 - seconds) <= tolerance else {
            throw APIError(
                status: .unauthorized, code: "stale_timestamp",
                detail: "the timestamp is more than 5 minutes from the server's clock", field: timestampHeader)
        }
        guard let signature, let code = hexBytes(signature), code.count == SHA256.byteCount else {
            throw .badSignature("a hex HMAC-SHA256 of the body is required", field: signatureHeader)
        }
        let valid = HMAC<SHA256>.isValidAuthenticationCode(
            code, authenticating: body, using: SymmetricKey(data: Data(key.utf8)))
        guard valid else {
            throw .badSignature("the signature does not match the body and the integration's signing key",
                                field: signatureHeader)
        }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
