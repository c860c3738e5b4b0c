import Testing

@testable import RunbookServer

struct HeartbeatTests {
    struct SlowCheck: HeartbeatCheck {
        let name = "slow"

        func check() async throws -> String {
            try await Task.sleep(for: .seconds(60))
            return "too late"
        }
    }

    @Test
    func aCheckThatDoesNotAnswerInTimeFails() async {
        let report = await Heartbeat(checks: [SlowCheck(), FixedCheck(name: "fast", failure: nil)],
                                     timeout: .milliseconds(50)).run()
        #expect(report.status == "failed")
        #expect(report.checks["slow"]?.detail.hasPrefix("no answer within") == true)
        #expect(report.checks["fast"]?.status == "ok")
    }
}
