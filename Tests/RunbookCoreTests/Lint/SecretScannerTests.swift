import Testing

@testable import RunbookCore

struct SecretScannerTests {
    // Built from parts so the repository itself holds no token-shaped literal for scanners to trip on.
    static let awsKeyID = "AKIA" + "QW7RT2ZX9KLM4NPB"
    static let awsSecret = "kT8v" + "Zp2QwErTyUiOpAsDfGhJkLzXcVbNm12345Ab"
    static let githubToken = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5"
    static let slackToken = "xoxb-" + "2847561930-5829174630-Yb7Qk2LmN8pR4sT6vW1xZ3aC"
    static let slackHook = "https://hooks.slack.com/services/" + "T04KD7Q2M/B05LN8R3P/q7Wm2Kx9Rt4Yp6Vn1Zs8Bc3D"

    @Test(arguments: [
        ("export AWS_ACCESS_KEY_ID=\(awsKeyID)", "AWS access key id"),
        ("aws_secret_access_key = \(awsSecret)", "AWS secret access key"),
        ("git clone https://\(githubToken)@github.com/org/repo", "GitHub token"),
        ("token: github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "GitHub token"),
        ("SLACK_TOKEN=\(slackToken)", "Slack token"),
        ("curl -X POST \(slackHook)", "Slack webhook URL"),
        ("psql postgres://app:Hunt3r2Go@db.internal:5432/app", "Password in a URL"),
        ("DB_PASSWORD = \"s3cr3tV4lue!\"", "Password"),
        ("  password: 'Tr0ub4dor&3'", "Password"),
    ])
    func findsSecret(line: String, kind: String) throws {
        let hits = SecretScanner.scan(["intro", line])
        let hit = try #require(hits.first)
        #expect(hits.count == 1)
        #expect(hit.kind == kind)
        #expect(hit.line == 2)
    }

    @Test(arguments: [
        "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "https://<es_username>:<password>@<cluster_url>:9243",
        "postgres://user:${PASSWORD}@db:5432/app",
        "mysql://root:$DB_PASS@localhost/app",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        "password: xxx",
        "password: \"{{ .Values.password }}\"",
        "password = \"<your password here>\"",
        "Copy the current user password:",
        "The SSL key value (the block started with `-----BEGIN PRIVATE KEY-----`)",
        "Access denied for user 'app'@'10.0.0.1' (using password: YES)",
        "ssh git@github.com:org/repo.git",
        "https://grafana.example.com:3000/d/abc?from=now-1h",
        "primary_conninfo = 'user=replicator password=REDACTED host=db'",
        "Use the AKIA prefix to recognise access keys",
    ])
    func ignoresPlaceholdersAndProse(line: String) {
        #expect(SecretScanner.scan([line]).isEmpty)
    }

    @Test func findsAPrivateKeyBlockButNotItsMention() {
        let block = ["```", "-----BEGIN RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEAx7Vq9Lk2Pw3Zr8Tn5Ym1Qs6Uv4Xb",
                     "-----END RSA PRIVATE KEY-----", "```"]
        let hits = SecretScanner.scan(block)
        #expect(hits.map(\.kind) == ["Private key"])
        #expect(hits.first?.line == 2)
        let elided = ["-----BEGIN OPENSSH PRIVATE KEY-----", "...", "-----END OPENSSH PRIVATE KEY-----"]
        #expect(SecretScanner.scan(elided).isEmpty)
    }

    @Test func findsAnUnnamedSecretKeyNextToAKeyID() {
        let lines = ["[default]", "key = \(Self.awsKeyID)", "other = \(Self.awsSecret)"]
        #expect(SecretScanner.scan(lines).map(\.kind) == ["AWS access key id", "AWS secret access key"])
    }

    @Test func masksAllButFourCharacters() {
        #expect(SecretScanner.mask(Self.githubToken) == "ghp_…")
        #expect(SecretScanner.mask("abc") == "abc…")
    }
}
