import Foundation
import NIOConcurrencyHelpers
import RunbookStore
import Testing

@testable import RunbookServer

struct OutboxHeartbeatCheckTests {
    @Test
    func deliveriesThatKeepFailingPastTheLimitFailTheCheckAndClearWhenTheyStop() async throws {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let state = NIOLockedValueBox((now: start, retrying: 3))
        let check = OutboxHeartbeatCheck(
            statistics: { _ in
                let retrying = state.withLockedValue { $0.retrying }
                return OutboxStatistics(pending: retrying, due: 0, retrying: retrying, held: 0, dead: 0,
                                        oldestDueAt: nil)
            },
            maxDueAge: 60, now: { state.withLockedValue { $0.now } }
        )
        _ = try await check.check()
        state.withLockedValue { $0.now = start + 59 }
        _ = try await check.check()
        state.withLockedValue { $0.now = start + 61 }
        await #expect {
            _ = try await check.check()
        } throws: { error in
            String(describing: error).contains("3 deliveries have kept failing for 61 s (limit 60 s)")
        }
        state.withLockedValue { $0 = (start + 62, 0) }
        _ = try await check.check()
        state.withLockedValue { $0 = (start + 200, 1) }
        _ = try await check.check()
    }
}
