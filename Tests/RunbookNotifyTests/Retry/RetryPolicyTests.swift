import Foundation
import Testing

@testable import RunbookNotify

struct RetryPolicyTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)
    private let policy = RetryPolicy(firstDelay: 1, maxDelay: 3600, giveUpAfter: 86_400)

    @Test(arguments: [
        (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (10, 512.0), (12, 2048.0), (13, 3600.0), (40, 3600.0), (5000, 3600.0),
        (0, 1.0),
    ])
    func ceilingDoublesUpToTheCap(failures: Int, ceiling: Double) {
        #expect(policy.backoffCeiling(afterFailures: failures) == ceiling)
    }

    @Test(arguments: [1, 2, 5, 12, 20])
    func waitIsDrawnBetweenZeroAndTheCeiling(failures: Int) throws {
        var generator = SeededGenerator(seed: UInt64(failures))
        let ceiling = policy.backoffCeiling(afterFailures: failures)
        var waits: [TimeInterval] = []
        for _ in 0..<200 {
            let next = try #require(
                policy.nextTry(afterFailures: failures, retryingSince: start, now: start, using: &generator)
            )
            waits.append(next.timeIntervalSince(start))
        }
        #expect(waits.allSatisfy { $0 >= 0 && $0 <= ceiling })
        #expect(Set(waits).count > 150, "full jitter spreads the waits")
        #expect(waits.contains { $0 < ceiling / 4 } && waits.contains { $0 > ceiling * 3 / 4 })
    }

    @Test func sameSeedGivesTheSameSchedule() {
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        let one = (1...10).map { policy.nextTry(afterFailures: $0, retryingSince: start, now: start, using: &first) }
        let two = (1...10).map { policy.nextTry(afterFailures: $0, retryingSince: start, now: start, using: &second) }
        #expect(one == two)
    }

    @Test(arguments: [
        (86_399.0, false), (86_400.0, true), (100_000.0, true), (0.0, false),
    ])
    func givesUpOnceTheRetryPeriodIsOver(age: TimeInterval, givesUp: Bool) {
        var generator = SeededGenerator(seed: 1)
        let next = policy.nextTry(
            afterFailures: 30, retryingSince: start, now: start.addingTimeInterval(age), using: &generator
        )
        #expect((next == nil) == givesUp)
    }

    @Test func neverSchedulesBeyondTheGiveUpTime() throws {
        var generator = HighestGenerator()
        let now = start.addingTimeInterval(86_400 - 10)
        let next = try #require(policy.nextTry(afterFailures: 30, retryingSince: start, now: now, using: &generator))
        #expect(next == start.addingTimeInterval(86_400))
    }

    @Test func retryAfterReplacesTheDrawnWait() throws {
        var generator = HighestGenerator()
        let asked = start.addingTimeInterval(120)
        let next = try #require(
            policy.nextTry(afterFailures: 1, retryingSince: start, now: start, retryAfter: asked, using: &generator)
        )
        #expect(next == asked)
    }

    @Test func retryAfterIsCappedAtTheGiveUpTime() throws {
        var generator = HighestGenerator()
        let asked = start.addingTimeInterval(200_000)
        let next = try #require(
            policy.nextTry(afterFailures: 1, retryingSince: start, now: start, retryAfter: asked, using: &generator)
        )
        #expect(next == start.addingTimeInterval(86_400))
    }

    @Test func retryAfterInThePastMeansNow() throws {
        var generator = HighestGenerator()
        let now = start.addingTimeInterval(50)
        let next = try #require(
            policy.nextTry(afterFailures: 3, retryingSince: start, now: now, retryAfter: start, using: &generator)
        )
        #expect(next == now)
    }

    @Test(arguments: [
        (400, true), (401, true), (403, true), (404, true), (410, true), (422, true), (301, true),
        (408, false), (429, false), (500, false), (502, false), (503, false), (504, false),
    ])
    func statusDecidesWhetherToRetry(status: Int, permanent: Bool) {
        var generator = SeededGenerator(seed: 7)
        let failure = DeliveryFailure.status(status)
        #expect(failure.isPermanent == permanent)
        let next = policy.nextTry(after: failure, failures: 1, retryingSince: start, now: start, using: &generator)
        #expect((next == nil) == permanent)
    }

    @Test func timeoutsAndConnectionErrorsAreRetried() {
        #expect(!DeliveryFailure.timeout(after: 10).isPermanent)
        #expect(!DeliveryFailure.connection("connection refused").isPermanent)
        #expect(DeliveryFailure.channelNotConfigured("gone").isPermanent)
        #expect(DeliveryFailure.channelNotConfigured("gone").message.contains("\"gone\" is not configured"))
    }

    @Test func tooManyRequestsHonoursRetryAfterSeconds() throws {
        var generator = HighestGenerator()
        let failure = DeliveryFailure.status(429, retryAfter: RetryAfter(headerValue: "30"))
        let next = try #require(
            policy.nextTry(after: failure, failures: 1, retryingSince: start, now: start, using: &generator)
        )
        #expect(next == start.addingTimeInterval(30))
    }

    @Test func retryAfterIsKeptOnlyForTooManyRequests() {
        #expect(DeliveryFailure.status(503, retryAfter: .seconds(30)).retryAfter == nil)
        #expect(DeliveryFailure.status(429, retryAfter: .seconds(30)).retryAfter == .seconds(30))
    }

    @Test(arguments: [
        ("120", RetryAfter.seconds(120)),
        (" 0 ", RetryAfter.seconds(0)),
        ("Wed, 15 Nov 2023 22:13:20 GMT", RetryAfter.date(Date(timeIntervalSince1970: 1_700_086_400))),
        ("Wednesday, 15-Nov-23 22:13:20 GMT", RetryAfter.date(Date(timeIntervalSince1970: 1_700_086_400))),
        ("Wed Nov 15 22:13:20 2023", RetryAfter.date(Date(timeIntervalSince1970: 1_700_086_400))),
    ])
    func readsRetryAfterHeaders(value: String, expected: RetryAfter) {
        #expect(RetryAfter(headerValue: value) == expected)
    }

    @Test(arguments: ["", "-5", "soon", "1.5"])
    func rejectsNonsenseRetryAfter(value: String) {
        #expect(RetryAfter(headerValue: value) == nil)
    }
}
