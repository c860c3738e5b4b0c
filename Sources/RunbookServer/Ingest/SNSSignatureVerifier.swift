import _CryptoExtras
import Crypto
import Foundation
import NIOConcurrencyHelpers
import RunbookCore
import X509

/// Verifies the signature of an SNS message with the certificate its `SigningCertURL` names.
///
/// SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA, both PKCS #1 v1.5 over `SNSMessage.stringToSign`. The
/// certificate is fetched only from `https://sns.<region>.amazonaws.com/….pem` (see `SNSEndpointURL`) and its key
/// is cached by URL with its validity window (at most `cacheLimit` URLs; when full, the key used longest ago is
/// forgotten, so the keys in use stay however many URLs are tried). A certificate
/// is used only between its `notValidBefore` and `notValidAfter`, by the injected clock, checked on every message.
final class SNSSignatureVerifier: Sendable {
    static let cacheLimit = 64

    /// A certificate's RSA key and the window it may be used in.
    private struct SigningKey: Sendable {
        let key: _RSA.Signing.PublicKey
        let notValidBefore: Date
        let notValidAfter: Date
    }

    private let fetcher: any CertificateFetcher
    private let now: @Sendable () -> Date
    private let keys = NIOLockedValueBox(RecentlyUsedCache<URL, SigningKey>(capacity: SNSSignatureVerifier.cacheLimit))

    /// A verifier fetching certificates through `fetcher` and checking their dates against `now`.
    init(fetcher: any CertificateFetcher, now: @escaping @Sendable () -> Date) {
        self.fetcher = fetcher
        self.now = now
    }

    /// Returns when `message` carries a valid signature; else throws the 4xx to answer.
    func verify(_ message: SNSMessage) async throws(APIError) {
        guard let version = message.signatureVersion, ["1", "2"].contains(version) else {
            throw .badSignature("SignatureVersion must be 1 or 2, found \(message.signatureVersion ?? "nothing")",
                                field: "SignatureVersion")
        }
        guard let signatureText = message.signature, let signature = Data(base64Encoded: signatureText) else {
            throw .badSignature("Signature must be base64 text", field: "Signature")
        }
        guard let urlText = message.signingCertURL else {
            throw .badSignature("the message has no SigningCertURL", field: "SigningCertURL")
        }
        guard let url = SNSEndpointURL.allowed(urlText, requirePEM: true) else {
            throw .badSignature(
                "SigningCertURL must be an https://sns.<region>.amazonaws.com/….pem URL, found \(urlText)",
                field: "SigningCertURL")
        }
        let signingKey = try await publicKey(at: url)
        try Self.checkValidity(of: signingKey, at: url, now: now())
        let key = signingKey.key
        let text = Data(message.stringToSign.utf8)
        let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
        let valid = version == "1"
            ? key.isValidSignature(rsaSignature, for: Insecure.SHA1.hash(data: text), padding: .insecurePKCS1v1_5)
            : key.isValidSignature(rsaSignature, for: SHA256.hash(data: text), padding: .insecurePKCS1v1_5)
        guard valid else {
            throw .badSignature("the signature does not match the message and its certificate", field: "Signature")
        }
    }

    /// Throws the 401 for a certificate used outside its validity window.
    private static func checkValidity(of key: SigningKey, at url: URL, now: Date) throws(APIError) {
        let window = "valid from \(key.notValidBefore.formatted(.iso8601)) to \(key.notValidAfter.formatted(.iso8601))"
        let clock = "the server's clock reads \(now.formatted(.iso8601))"
        if now < key.notValidBefore {
            throw APIError(status: .unauthorized, code: "certificate_not_yet_valid",
                           detail: "the certificate at \(url.absoluteString) is \(window); \(clock)",
                           field: "SigningCertURL")
        }
        if now > key.notValidAfter {
            throw APIError(status: .unauthorized, code: "certificate_expired",
                           detail: "the certificate at \(url.absoluteString) was \(window); \(clock)",
                           field: "SigningCertURL")
        }
    }

    private func publicKey(at url: URL) async throws(APIError) -> SigningKey {
        if let key = keys.withLockedValue({ $0.value(for: url) }) { return key }
        let data: Data
        do {
            data = try await fetcher.fetch(url)
        } catch {
            throw .badSignature("the certificate at \(url.absoluteString) could not be fetched: \(error)",
                                field: "SigningCertURL")
        }
        guard let certificate = try? Certificate(pemEncoded: String(decoding: data, as: UTF8.self)),
            let publicKey = _RSA.Signing.PublicKey(certificate.publicKey)
        else {
            throw .badSignature("the document at \(url.absoluteString) is not a PEM certificate with an RSA key",
                                field: "SigningCertURL")
        }
        let key = SigningKey(key: publicKey, notValidBefore: certificate.notValidBefore,
                             notValidAfter: certificate.notValidAfter)
        keys.withLockedValue { $0.set(key, for: url) }
        return key
    }
}
