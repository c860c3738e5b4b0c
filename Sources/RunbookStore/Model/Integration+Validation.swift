import Foundation
import RunbookCore

/// The checks every store makes on what an integration is given, before writing anything.
extension Integration {
    /// The longest signing secret accepted (Sentry's client secrets are 64 hex digits).
    static let signingSecretLimit = 512

    /// Signing secrets are for Sentry, and are 1–512 visible ASCII characters (no spaces).
    static func validate(signingSecret: String, source: AlertSource) throws {
        guard source == .sentry else {
            throw StoreError.invalid(
                "only sentry integrations take a signing secret; this one receives \(source.rawValue) alerts")
        }
        let visible = signingSecret.unicodeScalars.allSatisfy { $0.isASCII && (0x21...0x7E).contains($0.value) }
        guard (1...signingSecretLimit).contains(signingSecret.unicodeScalars.count), visible else {
            throw StoreError.invalid(
                "a signing secret must be 1–\(signingSecretLimit) visible ASCII characters, without spaces")
        }
    }

    /// The topics to pin, each checked (`validate(snsTopic:)`), without repeats, in the order given.
    static func pinned(snsTopics topics: [String]) throws -> [String] {
        var unique: [String] = []
        for topic in topics where !unique.contains(topic) {
            try validate(snsTopic: topic)
            unique.append(topic)
        }
        return unique
    }

    /// `arn:aws:sns:<region>:<account>:<name>` (any AWS partition), at most 256 characters, no spaces.
    static func validate(snsTopic topic: String) throws {
        let parts = topic.split(separator: ":", omittingEmptySubsequences: false)
        let valid = topic.count <= 256 && parts.count == 6 && parts[0] == "arn" && parts[1].hasPrefix("aws")
            && parts[2] == "sns" && parts[3...].allSatisfy { !$0.isEmpty }
            && topic.unicodeScalars.allSatisfy { $0.isASCII && (0x21...0x7E).contains($0.value) }
        guard valid else {
            throw StoreError.invalid(
                "\"\(topic)\" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)")
        }
    }
}
