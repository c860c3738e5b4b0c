import Crypto
import Foundation

/// Signed one-click acknowledge links for the messages Runbook sends.
///
/// A link names one incident and a time after which it no longer works, and carries an HMAC-SHA256 of both under
/// the server's key: `<console>/incidents/42/ack-link?expires=1767225600&signature=…`. Opening it shows a
/// confirmation page (a GET changes nothing); its button posts the same three values, checked again, and
/// acknowledges the incident in the name of the link. Whoever holds the message can acknowledge that incident
/// until the link expires, and nothing else: not another incident, not after the expiry, not with a signature
/// made without the key.
///
/// ```swift
/// let links = AcknowledgeLinks(key: try AcknowledgeLinks.key(in: dataFolder))
/// let url = links.url(console: consoleURL, incident: 42, now: Date())
/// links.check(incident: 42, expires: "1767225600", signature: "…", now: Date())  // .valid
/// ```
public struct AcknowledgeLinks: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// How long a link works after its message was rendered.
    public static let defaultLifetime: TimeInterval = 24 * 3600
    /// The name of the key's file in the data folder.
    public static let keyFileName = "acknowledge-links.key"
    /// Who the timeline names when a link acknowledges.
    public static let actor = "acknowledge link"

    private let key: Data
    public let lifetime: TimeInterval

    /// The key never prints.
    public var description: String { "AcknowledgeLinks(key: [OMITTED], lifetime: \(lifetime))" }
    public var debugDescription: String { description }

    /// What a link's values are worth.
    public enum Verdict: Sendable, Equatable {
        case valid
        /// Signed by this server, but past its time.
        case expired
        /// Missing values, or a signature this server did not make for this incident and time.
        case forged
    }

    public init(key: Data, lifetime: TimeInterval = defaultLifetime) {
        self.key = key
        self.lifetime = lifetime
    }

    /// The link for `incident`, working until `lifetime` after `now`.
    public func url(console: URL, incident: Int64, now: Date) -> URL? {
        let expires = Int64((now.timeIntervalSince1970 + lifetime).rounded(.down))
        var base = console.absoluteString
        if !base.hasSuffix("/") { base += "/" }
        return URL(string: base + "incidents/\(incident)/ack-link?expires=\(expires)&signature="
                   + signature(incident: incident, expires: expires))
    }

    /// The base64url HMAC-SHA256 of `ack:<incident>:<expires>`.
    public func signature(incident: Int64, expires: Int64) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Self.signed(incident: incident, expires: expires), using: SymmetricKey(data: key))
        return Self.base64URL(Data(mac))
    }

    /// What a link's signature covers: `ack:<incident>:<expires>`.
    private static func signed(incident: Int64, expires: Int64) -> Data {
        Data("ack:\(incident):\(expires)".utf8)
    }

    /// `data` in unpadded base64url.
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `expires` and `signature`, as a link or its form carried them, acknowledge `incident` at `now`.
    public func check(incident: Int64, expires: String?, signature: String?, now: Date) -> Verdict {
        guard let expires, let time = Int64(expires), let signature, signature.count < 100,
              let mac = Self.decodeBase64URL(signature),
              HMAC<SHA256>.isValidAuthenticationCode(
                  mac, authenticating: Self.signed(incident: incident, expires: time), using: SymmetricKey(data: key))
        else { return .forged }
        return Double(time) > now.timeIntervalSince1970 ? .valid : .expired
    }

    /// The bytes of unpadded base64url `text`; nil when it is not that, or not in the one form `base64URL` writes
    /// (a decoder may ignore the unused bits of the last character, which would give one code two spellings).
    static func decodeBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !base64.contains("=") else { return nil }
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), base64URL(data) == text else { return nil }
        return data
    }

    /// The key kept in `folder` (`acknowledge-links.key`, 32 random bytes, mode 0600), made on first use.
    ///
    /// The key outlives restarts, so links already sent keep working; deleting the file voids every link sent.
    public static func key(in folder: String) throws -> Data {
        let path = URL(fileURLWithPath: folder).appendingPathComponent(keyFileName).path
        if let existing = FileManager.default.contents(atPath: path), existing.count == 32 { return existing }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: path, contents: key, attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return key
    }
}
