import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// The deliveries page: dead and pending deliveries, their tries, and a retry that keeps the tries before it.
struct ConsoleDeliveriesTests {
    @Test
    func anOperatorRetriesADeadDeliveryAndItsEarlierTryStaysListed() async throws {
        let harness = try await APIHarness.make(configuration: StoreConfiguration(planner: OneChannelPlanner()))
        let disk = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        let claimed = try await harness.store.claimDeliveries(
            limit: 10, now: APIHarness.start.addingTimeInterval(2), lease: 60)
        let dead = try #require(claimed.first { $0.incidentID == disk })
        try await harness.store.markFailed(
            id: dead.id,
            attempt: DeliveryAttempt(deliveryID: dead.id, at: APIHarness.start.addingTimeInterval(3), status: 410,
                                     error: "HTTP 410 <Gone>", duration: 0.02),
            retryAt: nil)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.operator]))
            let page = try await browser.get("/deliveries")
            #expect(page.status == .ok)
            #expect(page.text.contains("Delivery \(dead.id)"))
            #expect(page.text.contains("dead · incident"))
            #expect(page.text.contains("HTTP 410 &lt;Gone&gt;"))
            #expect(page.text.contains("action=\"/deliveries/\(dead.id)/retry\""))

            let forged = try await browser.post("/deliveries/\(dead.id)/retry", ["csrf": "nope"])
            #expect(forged.status == .forbidden)
            let retried = try await browser.post("/deliveries/\(dead.id)/retry", ["csrf": try #require(page.csrf)])
            #expect(retried.status == .seeOther)
            #expect(retried.location == "/deliveries")
            let after = try await browser.get("/deliveries")
            #expect(after.text.contains("pending · incident"))
            #expect(!after.text.contains("action=\"/deliveries/\(dead.id)/retry\""))
            #expect(after.text.contains("1 tries"))
            #expect(after.text.contains("HTTP 410 &lt;Gone&gt;"))
        }
    }
}
