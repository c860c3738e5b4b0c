import Testing

@testable import RunbookCore

/// The byte-level paths taken for ASCII text (`ASCIIToken`, `AlertKey`'s ASCII tokens and prefixes, `asciiSplit`,
/// `ErrorCodes.namesNoError`) give what the general, Unicode-aware code gives.
struct ASCIIPathTests {
    /// Pieces that take every branch: hosts, ids, prefixes, separators, whitespace, environment and status words.
    static let pieces = [
        "ip-10-0-0-1", ".ec2.internal", "DiskUsageWarning", "-", "_", ".", ":", "/", "[", "]", "FIRING:1",
        "[FIRING:2]", "Firing", "1", " - ", " ", "  ", "\t", "\r\n", "\n", "\u{0B}", "(", ")", "=", "|", "`", "\"", "'",
        "@", "\\", "0x7ffd5e8a", "0X7FFD5E8A", "deadbeef12", "A7xQ2mZk9Lp", "123e4567-e89b-12d3-a456-426614174000",
        "prod", "staging", "mitx-production", "apps_prod", "v1.2.3", "V2", "5xx", "4XX", "#12", "+3", "~/x", "../y",
        "./z", "/a", "x.py", "conf.YML", "i-0abc123def4567890", "I-DEADBEEF1", "worker-2.ocp4.example.com",
        "redis-03-db-gprd.c.example.net:6379", "host", "port", "Error(1045,", "sqlstate", "ERRNO", "a", "B", "9",
        "ext4", "integrations/linux_host", "warning", "RESOLVED", "ok", "alarm", "Alert", "!", "?", "*", ",", ";",
        "<", ">", "{", "}", "%", "https://x.io/p", "www.example.com", "pod-6f9c7d5b8-m2xkq", "nvme0n1p1", ":::",
        "fe80::1", "10.0.0.1:9100", "Ab12Cd34", "abc_def_1234", "user@host", "db.corp", "x.LOCAL", "IP-10",
        "HighHTTP5xxRate", "3.9G", "87.5%", "2026-03-02T07:41:03Z", "12/03/26", "gitlab.com", "a.b.c1", "critical",
        "Production", "-prod", "_qa", "ab12c", "m2xkq", "Sev2", "xfs", "Integrations/x", "payments", "api",
        "console-01-sv-gprd", "-02", "-0", "-007x",
    ]

    /// Texts of 1 to 8 random pieces, the same on every run; `spaced: false` keeps whitespace out.
    static func texts(count: Int, seed: UInt64, spaced: Bool) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let usable = spaced ? pieces : pieces.filter { !$0.contains(where: \.isWhitespace) }
        return (0..<count).map { _ in
            (0..<Int.random(in: 1...8, using: &generator)).map { _ in usable.randomElement(using: &generator)! }
                .joined()
        }
    }

    @Test func variableTokensAgreeWithTheGeneralCheck() {
        let tokens = Self.pieces + Self.texts(count: 20_000, seed: 12, spaced: false)
        for token in tokens {
            #expect(VariableToken.isVariable(token) == VariableToken.unicodeIsVariable(token), "\(token)")
        }
    }

    @Test func boiledWordsAgreeWithTheGeneralCode() {
        let extra = ["mitx-production", "payments-api-6f9c7d5b8-m2xkq", "prod_apps", "a-prod-b", "--x--", "Warning",
                     "integrations/linux_host", "EXT4", "x-1-y", "app-prod-db", "pre-prod", "sev1", "ab12c-x-ab12c"]
        for token in Self.pieces + extra + Self.texts(count: 20_000, seed: 16, spaced: false) {
            #expect(AlertKey.boiledWord(token) == AlertKey.unicodeBoiledWord(token), "\(token)")
        }
    }

    @Test func titleTokensAndPrefixesAgreeWithTheGeneralSplit() {
        for text in Self.pieces + Self.texts(count: 20_000, seed: 13, spaced: true) {
            #expect(AlertKey.tokens(text) == AlertKey.unicodeTokens(text), "\(text.debugDescription)")
            #expect(AlertKey.strippingPrefixes(from: text) == AlertKey.unicodeStrippingPrefixes(from: text),
                    "\(text.debugDescription)")
        }
    }

    @Test func asciiSplitGivesTheWordsOfSplit() {
        for text in Self.texts(count: 5_000, seed: 14, spaced: true) + ["", " ", "--", "a--b-", "-a", "\r\n-\r\n"] {
            for separator in [" ", "-", "_"] as [Unicode.Scalar] {
                #expect(text.asciiSplit(separator) == text.split(separator: Character(separator)))
                #expect(text.asciiSplit(separator, omittingEmptySubsequences: false)
                        == text.split(separator: Character(separator), omittingEmptySubsequences: false))
                let inner = text.dropFirst()
                #expect(inner.asciiSplit(separator) == inner.split(separator: Character(separator)))
            }
        }
    }

    @Test(arguments: ["a-b c", "naïve-x y", "🚨 x-y", "a\u{301}-b", "x\r\n-y"])
    func asciiSplitOfOtherTextIsSplit(text: String) {
        #expect(text.asciiSplit("-", omittingEmptySubsequences: false)
                == text.split(separator: "-", omittingEmptySubsequences: false))
        #expect(text.asciiSplit(" ") == text.split(separator: " "))
    }

    /// An ASCII title boils as it does with a non-ASCII word after it, which sends the whole text down the general
    /// path.
    @Test func boilingAgreesWithAndWithoutANonASCIIWord() {
        for text in Self.texts(count: 5_000, seed: 15, spaced: true) {
            let ascii = AlertKey.boil(text)
            #expect(AlertKey.boil(text + " 🚨") == ascii, "\(text.debugDescription)")
            let words = ascii.split(separator: " ")
            guard words.count < AlertKey.wordLimit else { continue }
            #expect(AlertKey.boil(text + " café") == (ascii.isEmpty ? "café" : ascii + " café"),
                    "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("[Prometheus]: [FIRING:1] DiskUsageWarning mitx-production (xqwatcher filesystem /dev/root ext4 ip-10-7-0-78 "
            + "integrations/linux_host warning)", "DiskUsageWarning xqwatcher"),
        ("Firing 1 - HighLatency on ip-10-0-0-1.ec2.internal:9100", "HighLatency on"),
        ("Ошибка репликации на сервере db-03", "Ошибка репликации на сервере"),
        ("Ошибка репликации на сервере db-3", "Ошибка репликации на сервере db"),
        ("🔥🔥 PodCrashLooping café", "PodCrashLooping café"),
        ("UUID 123e4567-e89b-12d3-a456-426614174000 failed", "UUID failed"),
        ("deadbeef12 0x7ffd5e8a commit 6f9c7d5b8 nvme0n1p1 A7xQ2mZk9Lp", "commit"),
        (
            "PostgreSQL_CommitRateTooLow [RESOLVED] on payments-api-6f9c7d5b8-m2xkq",
            "PostgreSQL_CommitRateTooLow on payments-api"
        ),
    ])
    func trickyTitlesBoil(text: String, expected: String) {
        #expect(AlertKey.boil(text) == expected)
    }

    @Test(arguments: [
        "OperationalError(1045, \"Access denied\")", "ERRNO 28 no space left", "SQLSTATE 23505", "Page fault: 4412",
        "NullPointerException #5512", "error=503", "IOError(12)", "Error 1045 🚨", "MYSQLERROR 2002",
    ])
    func theErrorScreenKeepsEveryCode(text: String) {
        #expect(!ErrorCodes.namesNoError(text))
        #expect(!ErrorCodes(text).isEmpty)
    }

    @Test(arguments: ["disk full 99%", "DiskUsageWarning on host-1", "Terror", "no digits error", "Fau1t"])
    func textsWithoutAnErrorNameAndADigitAreScreenedOut(text: String) {
        #expect(ErrorCodes.namesNoError(text))
    }

    @Test(arguments: ["Ошибка 1045", "café 12", "disk full 99%\u{00A0}"])
    func nonASCIITextIsNeverScreenedOut(text: String) {
        #expect(!ErrorCodes.namesNoError(text))
    }
}
