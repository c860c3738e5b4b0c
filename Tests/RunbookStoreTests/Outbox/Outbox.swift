import Foundation
import RunbookCore
import RunbookStore

/// Shorthands for the outbox contract tests.
enum Outbox {
    /// A store configuration with the test planner.
    static func configuration(_ planner: TestPlanner = TestPlanner()) -> StoreConfiguration {
        StoreConfiguration(planner: planner)
    }

    /// Every delivery, oldest first.
    static func all(_ store: some OutboxStore, state: DeliveryState? = nil, incidentID: Int64? = nil)
        async throws -> [OutboxDelivery]
    {
        try await store.deliveries(matching: DeliveryQuery(state: state, incidentID: incidentID, limit: 1000))
            .reversed()
    }

    /// A try that the receiver took, `seconds` after `Fixture.start`.
    static func sent(_ id: Int64, at seconds: Double) -> DeliveryAttempt {
        DeliveryAttempt(deliveryID: id, at: Fixture.at(seconds), status: 200, duration: 0.01)
    }

    /// A try that the receiver refused with a 503.
    static func failed(_ id: Int64, at seconds: Double) -> DeliveryAttempt {
        DeliveryAttempt(deliveryID: id, at: Fixture.at(seconds), status: 503, error: "HTTP 503", duration: 0.02)
    }
}
