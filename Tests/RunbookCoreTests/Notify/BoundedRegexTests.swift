import Foundation
import Testing

@testable import RunbookCore

/// User regular expressions: the syntax Alertmanager users write, whole-value matching, linear time, and limits.
struct BoundedRegexTests {
    @Test(arguments: [
        ("xq.*", "xqwatcher", true), ("xq", "xqwatcher", false), ("prod|staging", "staging", true),
        ("prod|staging", "production", false), ("db[0-9]+", "db12", true), ("db[0-9]+", "db", false),
        ("db\\d{2}", "db12", true), ("db\\d{2}", "db123", false), ("a{2,3}", "aaa", true), ("a{2,3}", "aaaa", false),
        ("a{2,}", "aaaaa", true), ("[^a-c]x", "dx", true), ("[^a-c]x", "bx", false), ("\\w+-\\w+", "api-eu", true),
        ("(?:ab)+", "ababab", true), ("(?P<n>ab)?c", "c", true), ("(?i)disk.*", "DiskUsage", true),
        ("disk.*", "DiskUsage", false), ("a\\.b", "a.b", true), ("a\\.b", "axb", false), ("^ab$", "ab", true),
        ("", "", true), ("", "x", false), (".*", "", true), ("a.c", "a\nc", false), ("x{", "x{", true),
        ("[]a]+", "]a]", true), ("[a-]+", "a-a", true), ("\\s*ok", "  ok", true), ("(a|ab)(c|bcd)", "abcd", true),
        ("é+", "éé", true), ("(?i)[a-z]+", "ABC", true),
    ])
    func matchesTheWholeValueAsAlertmanagerDoes(pattern: String, text: String, expected: Bool) throws {
        #expect(try BoundedRegex(pattern).matchesWhole(text) == expected)
    }

    @Test(arguments: ["(a+)+b", "(a|a)*b", "(a|aa)*b", "a*a*a*a*a*a*a*b", "(.*)*x", "((a*)*)*b"])
    func catastrophicPatternsRunInLinearTime(pattern: String) throws {
        let regex = try BoundedRegex(pattern)
        let input = String(repeating: "a", count: 4_096)
        let clock = ContinuousClock()
        var result: Bool?
        let elapsed = clock.measure { result = regex.matchesWhole(input) }
        #expect(result == false)
        #expect(elapsed < .seconds(1), "\(pattern) took \(elapsed)")
    }

    @Test(arguments: [
        ("(a)\\1", "backreferences"), ("a(?=b)", "lookahead"), ("(?<=a)b", "lookbehind"), ("(?x)a", "only (?:"),
        ("(", "not closed"), ("a)", "unmatched"), ("*a", "nothing to repeat"), ("a**", "repetition operator"),
        ("[a", "not closed"), ("[z-a]", "backwards"), ("\\", "ends with"), ("\\p{L}", "not supported"),
        ("a{3,2}", "counts down"), ("a{1000}{1000}", "repetition operator"), ("a+{2}", "repetition operator"),
    ])
    func unsupportedOrMalformedPatternsAreRefusedSayingWhy(pattern: String, reason: String) {
        #expect {
            try BoundedRegex(pattern)
        } throws: { error in
            guard let error = error as? BoundedRegexError else { return false }
            return !error.isLimit && error.reason.contains(reason)
        }
    }

    @Test(arguments: [
        String(repeating: "a", count: BoundedRegex.maxPatternLength + 1), "a{1001}", "(a{1000}){3}",
        "((a{30}){30}){3}", String(repeating: "(", count: 60) + String(repeating: ")", count: 60),
    ])
    func patternsOverTheLengthOrComplexityLimitsAreRefusedAsLimits(pattern: String) {
        #expect {
            try BoundedRegex(pattern)
        } throws: { error in
            (error as? BoundedRegexError)?.isLimit == true
        }
    }

    @Test
    func aMatchOverTheStepBudgetGivesUpInsteadOfRunningOn() throws {
        let regex = try BoundedRegex("(a|b|c|d|e|f|g|h)*((a|b)?){200}z")
        let input = String(repeating: "ab", count: 20_000)
        #expect(regex.matchesWhole(input) == nil)
    }
}
