import Foundation
import HTTPTypes

/// Replaces secrets in what is logged about a request with `[OMITTED]`.
///
/// Authorization and cookie headers, any header naming a signature, token, secret or API key, and query
/// parameters naming a token, key, secret, signature or password. The raw URL is never logged: only
/// `redactedPath`.
public enum Redaction {
    /// What stands in for a secret.
    public static let omitted = "[OMITTED]"

    private static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token",
    ]
    private static let secretWords = ["signature", "token", "secret", "api-key", "apikey", "password", "auth"]
    private static let secretParameters = ["token", "key", "secret", "signature", "sig", "password", "auth"]

    /// Whether a header's value must not be logged.
    public static func isSecret(header name: String) -> Bool {
        let name = name.lowercased()
        return secretHeaders.contains(name) || secretWords.contains { name.contains($0) }
    }

    /// Whether a query parameter's value must not be logged.
    public static func isSecret(parameter name: String) -> Bool {
        let name = name.lowercased()
        return secretParameters.contains { name == $0 || name.hasSuffix("_" + $0) || name.hasSuffix("-" + $0) }
    }

    /// The path with the value of every secret query parameter replaced: `/x?token=abc` → `/x?token=[OMITTED]`.
    public static func redactedPath(_ pathAndQuery: String) -> String {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return pathAndQuery }
        let query = pathAndQuery[pathAndQuery.index(after: mark)...]
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let decoded = name.removingPercentEncoding ?? name
            return isSecret(parameter: decoded) ? "\(name)=\(omitted)" : String(pair)
        }
        return pathAndQuery[..<mark] + "?" + parameters.joined(separator: "&")
    }

    /// Every header by lowercased name, with secret values replaced; repeated headers are joined with `, `.
    public static func redactedHeaders(_ fields: HTTPFields) -> [String: String] {
        var headers: [String: String] = [:]
        for field in fields {
            let name = field.name.canonicalName
            let value = isSecret(header: name) ? omitted : field.value
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return headers
    }
}
