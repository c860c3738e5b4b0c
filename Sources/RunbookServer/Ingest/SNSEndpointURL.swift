import Foundation

/// The check that an SNS URL points at Amazon SNS itself: `https://sns.<region>.amazonaws.com/…`.
///
/// Used for `SigningCertURL` (whose path must also end in `.pem`) and `SubscribeURL` before either is fetched, so
/// that a forged message can neither supply its own certificate nor make the server fetch a URL of its choosing.
/// Only https, no user, no port other than 443, and a host of exactly `sns.` + one region label + `.amazonaws.com`.
enum SNSEndpointURL {
    /// `text` as a URL when it passes the check (and, with `requirePEM`, its path ends in `.pem`), else nil.
    static func allowed(_ text: String, requirePEM: Bool) -> URL? {
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "https",
            components.user == nil, components.password == nil,
            components.port == nil || components.port == 443,
            let host = components.host?.lowercased(), isSNSHost(host),
            !requirePEM || components.path.lowercased().hasSuffix(".pem"),
            let url = components.url
        else { return nil }
        return url
    }

    /// `sns.<region>.amazonaws.com`, the region being one label of lowercase letters, digits and `-`.
    static func isSNSHost(_ host: String) -> Bool {
        let prefix = "sns.", suffix = ".amazonaws.com"
        guard host.hasPrefix(prefix), host.hasSuffix(suffix), host.count > prefix.count + suffix.count else {
            return false
        }
        let region = host.dropFirst(prefix.count).dropLast(suffix.count)
        return region.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}
