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
