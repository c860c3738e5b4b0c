import Foundation

/// The check that an SNS URL points at Amazon SNS itself: `https://sns.<region>.amazonaws.com/…`.
///
/// Used for `SigningCertURL` (whose path must also end in `.pem`) and `SubscribeURL` before either is fetched, so
/// that a forged message can neither supply its own certificate nor make the server fetch a URL of its choosing.
/// Only https, no user, no port other than 443, and a host of exactly `sns.` + one region label + `.amazonaws.com`.
/// The whole URL must be printable ASCII: look-alike characters (full-width `ＵＳ`, which a URL library may fold to
/// `us` only when it connects) are refused before any parsing.
enum SNSEndpointURL {
    /// `text` as a URL when it passes the check (and, with `requirePEM`, its path ends in `.pem`), else nil.
    static func allowed(_ text: String, requirePEM: Bool) -> URL? {
        guard text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "https",
            components.user == nil, components.password == nil,
            components.port == nil || components.port == 443,
            let host = components.host?.lowercased(), isSNSHost(host),
            !requirePEM || components.path.lowercased().hasSuffix(".pem"),
            let url = components.url, url.host?.lowercased() == host
        else { return nil }
        return url
    }

    /// `sns.<region>.amazonaws.com`, the region being one label of lowercase letters, digits and `-`.
    static func isSNSHost(_ host: String) -> Bool {
        let prefix = "sns.", suffix = ".amazonaws.com"
        guard host.utf8.allSatisfy({ $0 < 0x80 }), host.hasPrefix(prefix), host.hasSuffix(suffix),
              host.utf8.count > prefix.utf8.count + suffix.utf8.count
        else {
            return false
        }
        let region = host.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        return !region.isEmpty && region.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "-")
        }
    }
}
