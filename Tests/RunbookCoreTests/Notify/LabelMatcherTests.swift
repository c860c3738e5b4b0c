import Foundation
import Testing

@testable import RunbookCore

struct LabelMatcherTests {
    @Test(arguments: [
        ("alertname=DiskUsageWarning", ["alertname": "DiskUsageWarning"], true),
        ("alertname=DiskUsageWarning", ["alertname": "DiskUsageCritical"], false),
        ("team!=db", [:], true),
        ("team!=db", ["team": "db"], false),
        ("app=~xq.*", ["app": "xqwatcher"], true),
        ("app=~xq", ["app": "xqwatcher"], false),
        ("app!~xq.*", ["app": "xqwatcher"], false),
        ("app!~xq.*", ["app": "payments"], true),
        ("severity=\"critical\"", ["severity": "critical"], true),
    ])
    func matchesWholeValues(text: String, labels: [String: String], expected: Bool) throws {
        #expect(try LabelMatcher(parsing: text).matches(labels) == expected)
    }

    @Test(arguments: ["alertname", "=value", "app=~(", "9x=1", ""])
    func rejectsMalformedMatchers(text: String) {
        #expect(throws: LabelMatcherError.self) { try LabelMatcher(parsing: text) }
    }

    @Test func keepsTheOperatorThatIsWritten() throws {
        let matcher = try LabelMatcher(parsing: "env!~prod|staging")
        #expect(matcher.name == "env")
        #expect(matcher.op == .notMatchesRegex)
        #expect(matcher.value == "prod|staging")
        #expect(matcher.description == "env!~prod|staging")
    }

    @Test func silenceHoldsOnlyInsideItsWindowAndWhenEveryMatcherHolds() throws {
        let start = Date(timeIntervalSince1970: 1_000)
        let silence = Silence(
            matchers: [try LabelMatcher(parsing: "alertname=DiskUsageWarning"), try LabelMatcher(parsing: "app=~xq.*")],
            startsAt: start, endsAt: start + 3600, createdBy: "ana", comment: "maintenance"
        )
        let labels = ["alertname": "DiskUsageWarning", "app": "xqwatcher"]
        #expect(silence.silences(labels, at: start + 10))
        #expect(!silence.silences(labels, at: start + 3600))
        #expect(!silence.silences(labels, at: start - 1))
        #expect(!silence.silences(["alertname": "DiskUsageWarning", "app": "payments"], at: start + 10))
    }
}

/// Matchers from users cannot stall whoever evaluates them (the ingest transaction).
struct LabelMatcherBoundsTests {
    @Test
    func aCatastrophicRegexIsEvaluatedQuickly() throws {
        let matcher = try LabelMatcher(parsing: "app=~(a+)+b")
        let labels = ["app": String(repeating: "a", count: 4_096)]
        let clock = ContinuousClock()
        var matched: Bool?
        let elapsed = clock.measure { matched = matcher.matches(labels) }
        #expect(matched == false)
        #expect(elapsed < .seconds(1))
    }

    @Test
    func aRegexOverTheLimitsIsRefusedAsALimit() {
        #expect {
            try LabelMatcher(parsing: "app=~" + String(repeating: "x", count: 300))
        } throws: { error in
            (error as? LabelMatcherError)?.isLimit == true
        }
    }

    @Test(arguments: [LabelMatcher.Operator.matchesRegex, .notMatchesRegex])
    func aMatchAbandonedForItsBudgetDoesNotHoldEitherWay(op: LabelMatcher.Operator) throws {
        let pattern = "(a|b|c|d|e|f|g|h)*((a|b)?){200}z"
        let matcher = try LabelMatcher(name: "app", op: op, value: pattern)
        #expect(!matcher.matches(["app": String(repeating: "ab", count: 20_000)]))
    }

    @Test
    func aStoredMatcherWhoseRegexNoLongerCompilesDecodesAndNeverHolds() throws {
        let json = #"{"name": "app", "op": "=~", "value": "(a)\\1"}"#
        let matcher = try JSONDecoder().decode(LabelMatcher.self, from: Data(json.utf8))
        #expect(!matcher.matches(["app": "aa"]))
    }
}
