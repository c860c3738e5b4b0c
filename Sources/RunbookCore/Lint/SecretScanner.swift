/// Finds credentials in lines of text.
///
/// Each detector first looks for a cheap literal marker, then confirms with a pattern, so scanning large libraries
/// stays fast. Values that are plainly placeholders (`<password>`, `${PASSWORD}`, `$DB_PWD`, `xxx`, `REDACTED`,
/// `****`) and AWS's documented example keys (ending in `EXAMPLE` / `EXAMPLEKEY`) are not reported.
enum SecretScanner {
    /// One credential found on a line.
    struct Hit: Sendable, Hashable {
        var kind: String
        var line: Int
        var value: String
    }

    private struct Detector: Sendable {
        var kind: String
        /// Lowercased literals, one of which must appear in the lowercased line.
        var markers: [String]
        var pattern: Pattern
        /// The capture group holding the secret (0 for the whole match).
        var group: Int
    }

    private static let awsKeyKind = "AWS access key id"
    private static let privateKeyHeader = Pattern(#"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"#)
    private static let bareSecretKey = Pattern(
        #"(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"#
    )

    private static let detectors: [Detector] = [
        Detector(kind: awsKeyKind, markers: ["akia", "asia"],
                 pattern: Pattern(#"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"#), group: 0),
        Detector(kind: "AWS secret access key", markers: ["secret_access_key", "secretaccesskey", "secret access key"],
                 pattern: Pattern(#"(?i:secret_?access_?key|secret access key)["']?\s*[:=]\s*["']?"#
                                  + #"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"#),
                 group: 1),
        Detector(kind: "GitHub token", markers: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
                 pattern: Pattern(#"\bgh[pousr]_[A-Za-z0-9]{36,}\b"#), group: 0),
        Detector(kind: "GitHub token", markers: ["github_pat_"],
                 pattern: Pattern(#"\bgithub_pat_[A-Za-z0-9_]{22,}\b"#), group: 0),
        Detector(kind: "Slack token", markers: ["xox"],
                 pattern: Pattern(#"\bxox[abposr]-[0-9A-Za-z-]{10,}"#), group: 0),
        Detector(kind: "Slack webhook URL", markers: ["hooks.slack.com"],
                 pattern: Pattern(#"hooks\.slack\.com/(?:services|workflows)/"#
                                  + #"([A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]+)"#),
                 group: 1),
        Detector(kind: "Password in a URL", markers: ["://"],
                 pattern: Pattern(#"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/:@'"<>]+:([^\s/@'"]+)@[\w.\[\]-]+"#), group: 1),
        Detector(kind: "Password", markers: ["pass", "pwd", "secret", "api_key", "apikey", "_token"],
                 pattern: Pattern(#"(?i:\b[a-z_]*?(?:password|passwd|pwd|secret|secret_key|api_key|apikey|"#
                                  + #"access_token|auth_token))["']?\s*[:=]\s*(["'])([^"'\s]{4,})\1"#),
                 group: 2),
    ]

    /// Every credential in the lines; `line` is 1-based.
    static func scan(_ lines: [String]) -> [Hit] {
        var hits: [Hit] = []
        var awsKeyLines: [Int] = []
        for (index, line) in lines.enumerated() {
            let lowered = line.lowercased()
            for detector in detectors where detector.markers.contains(where: lowered.contains) {
                for match in detector.pattern.matches(in: line) {
                    let value = match[detector.group]
                    guard !isPlaceholder(value) else { continue }
                    hits.append(Hit(kind: detector.kind, line: index + 1, value: value))
                    if detector.kind == awsKeyKind { awsKeyLines.append(index) }
                }
            }
            if lowered.contains("-----begin"), lowered.contains("private key"),
               let block = privateKeyBlock(at: index, in: lines) {
                hits.append(Hit(kind: "Private key", line: index + 1, value: block))
            }
        }
        hits += secretKeysNear(awsKeyLines, in: lines, known: Set(hits.map(\.line)))
        return hits
    }

    /// Shows enough of a secret to find it, never enough to use it: its first four characters and `…`.
    static func mask(_ value: String) -> String {
        String(value.prefix(4)) + "…"
    }

    /// Placeholder-looking values: templated, obviously fake, or a documented example.
    static func isPlaceholder(_ value: String) -> Bool {
        let lowered = value.lowercased()
        if value.isEmpty || value.hasPrefix("$") || value.hasPrefix("%") || value.hasPrefix("<") { return true }
        if ["{{", "${", "<", ">", "example", "redacted", "placeholder", "changeme", "your", "xxxx", "****", "...",
            "…", "dummy", "fake", "sample", "secret", "pass"].contains(where: lowered.contains) {
            return true
        }
        let distinct = Set(lowered.filter { $0.isLetter || $0.isNumber })
        return distinct.count <= 2
    }

    /// A `-----BEGIN … PRIVATE KEY-----` line followed by key material (not a mention in prose).
    private static func privateKeyBlock(at index: Int, in lines: [String]) -> String? {
        guard let header = privateKeyHeader.firstMatch(in: lines[index]) else { return nil }
        let body = lines[(index + 1)...].prefix(4).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.contains(":") }
        guard let body, body.count >= 20,
              body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }),
              !isPlaceholder(body) else { return nil }
        return header
    }

    /// 40-character secret keys within three lines of an AWS key id, even without a telling name.
    private static func secretKeysNear(_ keyLines: [Int], in lines: [String], known: Set<Int>) -> [Hit] {
        var hits: [Hit] = []
        var seen = known
        for keyLine in keyLines {
            for index in max(0, keyLine - 3)...min(lines.count - 1, keyLine + 3) where !seen.contains(index + 1) {
                guard let value = bareSecretKey.firstMatch(in: lines[index]), !isPlaceholder(value) else { continue }
                hits.append(Hit(kind: "AWS secret access key", line: index + 1, value: value))
                seen.insert(index + 1)
            }
        }
        return hits
    }
}
