import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: deliveries are written with the incident change that causes them, claimed with a lease, and end
/// sent or dead.
struct StoreOutboxTests {
    @Test(arguments: StoreKind.allCases)
    func anOpeningIngestWritesItsDeliveriesInTheSameTransaction(kind: StoreKind) async throws {
        let planner = TestPlanner(channels: ["ops-slack", "pager"])
        try await kind.withStore(configuration: Outbox.configuration(planner)) { store in
            let result = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 5))
            #expect(result.queuedDeliveries == 2)
            let deliveries = try await Outbox.all(store)
            #expect(deliveries.map(\.channel) == ["ops-slack", "pager"])
            for delivery in deliveries {
                #expect(delivery.incidentID == result.incidentIDs[0])
                #expect(delivery.kind == .triggered)
                #expect(delivery.state == .pending)
                #expect(delivery.route == "all")
                #expect(delivery.attempts == 0)
                #expect(delivery.createdAt == Fixture.at(5))
                #expect(delivery.retryingSince == delivery.createdAt)
                #expect(delivery.dueAt == Fixture.at(5))
            }
            #expect(Set(deliveries.map(\.idempotencyKey)).count == 2)
            #expect(deliveries.allSatisfy { UUID(uuidString: $0.idempotencyKey) != nil })
            let refire = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 6))
            #expect(refire.queuedDeliveries == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func withoutAPlannerNothingIsQueued(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let result = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")]))
            _ = try await store.acknowledge(incidentID: result.incidentIDs[0], by: "ana", at: Fixture.at(1))
            #expect(result.queuedDeliveries == 0)
            #expect(try await Outbox.all(store).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedIngestLeavesNoDelivery(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            var broken = Fixture.alert("Broken")
            broken.dedupKey = ""
            let error = await #expect(throws: StoreError.self) {
                try await store.ingest(Fixture.request([Fixture.alert("DiskFull"), broken]))
            }
            #expect(error?.isInvalid == true)
            let deliveries = try await Outbox.all(store)
            #expect(deliveries.isEmpty)
            #expect(try await Fixture.allIncidents(store).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everyChangeOfAnIncidentIsPlanned(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            _ = try await store.acknowledge(incidentID: id, by: "ana", at: Fixture.at(1))
            _ = try await store.acknowledge(incidentID: id, by: "ana", at: Fixture.at(2))
            _ = try await store.resolve(incidentID: id, by: "ana", at: Fixture.at(3))
            _ = try await store.reopen(incidentID: id, by: "bo", at: Fixture.at(4))
            let cleared = try await store.ingest(Fixture.request([Fixture.alert("DiskFull", status: .resolved)], at: 5))
            #expect(cleared.queuedDeliveries == 1)
            let refired = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")], at: 6))
            #expect(refired.incidentIDs == [id])
            #expect(refired.queuedDeliveries == 1)
            let kinds = try await Outbox.all(store, incidentID: id).map(\.kind)
            #expect(kinds == [.triggered, .acknowledged, .resolved, .triggered, .resolved, .triggered])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aClaimIsLeasedAndClaimedAgainOnceTheLeaseEnds(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            _ = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")]))
            let first = try await store.claimDeliveries(limit: 10, now: Fixture.at(1), lease: 30)
            #expect(first.count == 1)
            #expect(try await store.claimDeliveries(limit: 10, now: Fixture.at(30), lease: 30).isEmpty)
            let again = try await store.claimDeliveries(limit: 10, now: Fixture.at(31), lease: 30)
            #expect(again.map(\.id) == first.map(\.id))
            #expect(again.map(\.idempotencyKey) == first.map(\.idempotencyKey))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func claimsTakeTheOldestDueFirstUpToTheLimit(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            for index in 0..<4 {
                let alert = Fixture.alert("Load", instance: "h\(index)")
                _ = try await store.ingest(Fixture.request([alert], at: 3 - Double(index)))
            }
            #expect(try await store.claimDeliveries(limit: 10, now: Fixture.at(0.5), lease: 30).count == 1)
            let claimed = try await store.claimDeliveries(limit: 2, now: Fixture.at(10), lease: 30)
            #expect(claimed.map(\.dueAt) == [Fixture.at(1), Fixture.at(2)])
            #expect(try await store.claimDeliveries(limit: 0, now: Fixture.at(10), lease: 30).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aLaterDeliveryWaitsForTheEarlierOneOfItsIncidentAndChannel(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let other = try await store.ingest(Fixture.request([Fixture.alert("Load")], at: 1)).incidentIDs[0]
            _ = try await store.acknowledge(incidentID: id, by: "ana", at: Fixture.at(2))
            let first = try await store.claimDeliveries(limit: 10, now: Fixture.at(3), lease: 30)
            #expect(first.map(\.kind) == [.triggered, .triggered])
            #expect(first.map(\.incidentID) == [id, other])
            let trigger = try #require(first.first)
            try await store.markDelivered(id: first[1].id, attempt: Outbox.sent(first[1].id, at: 3), reference: nil)
            try await store.markFailed(
                id: trigger.id, attempt: Outbox.failed(trigger.id, at: 3), retryAt: Fixture.at(60))
            #expect(try await store.claimDeliveries(limit: 10, now: Fixture.at(40), lease: 30).isEmpty)
            let retried = try await store.claimDeliveries(limit: 10, now: Fixture.at(60), lease: 30)
            #expect(retried.map(\.id) == [trigger.id])
            try await store.markDelivered(id: trigger.id, attempt: Outbox.sent(trigger.id, at: 61), reference: nil)
            let next = try await store.claimDeliveries(limit: 10, now: Fixture.at(61), lease: 30)
            #expect(next.map(\.kind) == [.acknowledged])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSuccessfulTryMarksItSentWithATimelineEvent(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration(TestPlanner(channels: ["ops-slack"]))) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let claimed = try #require(try await store.claimDeliveries(limit: 1, now: Fixture.at(1), lease: 30).first)
            #expect(try await store.threadReference(incidentID: id, channel: "ops-slack") == nil)
            try await store.markDelivered(id: claimed.id, attempt: Outbox.sent(claimed.id, at: 2), reference: "1712.5")
            let delivery = try #require(try await Outbox.all(store).first)
            #expect(delivery.state == .sent)
            #expect(delivery.sentAt == Fixture.at(2))
            #expect(try await store.threadReference(incidentID: id, channel: "ops-slack") == "1712.5")
            #expect(try await store.threadReference(incidentID: id, channel: "pager") == nil)
            let attempts = try await store.attempts(deliveryID: claimed.id)
            #expect(attempts == [Outbox.sent(claimed.id, at: 2)])
            let event = try #require(try await store.incident(id: id).timeline.last)
            #expect(event.kind == .notified)
            #expect(event.detail?.contains("triggered") == true)
            #expect(event.detail?.contains("ops-slack") == true)
            try await store.markDelivered(id: claimed.id, attempt: Outbox.sent(claimed.id, at: 3), reference: "other")
            #expect(try await store.incident(id: id).timeline.filter { $0.kind == .notified }.count == 1)
            #expect(try await store.threadReference(incidentID: id, channel: "ops-slack") == "1712.5")
            let unknown = await #expect(throws: StoreError.self) {
                try await store.markDelivered(id: claimed.id + 100, attempt: Outbox.sent(0, at: 3), reference: nil)
            }
            #expect(unknown?.isNotFound == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedTryIsCountedAndDueAgainAtTheRetryTime(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            _ = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")]))
            let claimed = try #require(try await store.claimDeliveries(limit: 1, now: Fixture.at(1), lease: 30).first)
            try await store.markFailed(
                id: claimed.id, attempt: Outbox.failed(claimed.id, at: 1), retryAt: Fixture.at(3))
            try await store.markFailed(
                id: claimed.id, attempt: Outbox.failed(claimed.id, at: 3), retryAt: Fixture.at(9))
            let delivery = try #require(try await Outbox.all(store).first)
            #expect(delivery.state == .pending)
            #expect(delivery.attempts == 2)
            #expect(delivery.dueAt == Fixture.at(9))
            #expect(delivery.lastError == "HTTP 503")
            #expect(delivery.retryingSince == Fixture.at(0))
            #expect(try await store.attempts(deliveryID: claimed.id).map(\.at) == [Fixture.at(1), Fixture.at(3)])
            let statistics = try await store.outboxStatistics(now: Fixture.at(5))
            #expect(statistics == OutboxStatistics(pending: 1, due: 0, retrying: 1, held: 0, dead: 0, oldestDueAt: nil))
            let later = try await store.outboxStatistics(now: Fixture.at(10))
            #expect(later.due == 1)
            #expect(later.oldestDueAt == Fixture.at(9))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDeliveryThatGivesUpIsDeadUntilRetried(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let claimed = try #require(try await store.claimDeliveries(limit: 1, now: Fixture.at(1), lease: 30).first)
            try await store.markFailed(id: claimed.id, attempt: Outbox.failed(claimed.id, at: 1), retryAt: nil)
            let dead = try #require(try await Outbox.all(store, state: .dead).first)
            #expect(dead.attempts == 1)
            #expect(dead.lastError == "HTTP 503")
            #expect(try await store.claimDeliveries(limit: 1, now: Fixture.at(100), lease: 30).isEmpty)
            #expect(try await store.outboxStatistics(now: Fixture.at(100)).dead == 1)
            let event = try #require(try await store.incident(id: id).timeline.last)
            #expect(event.kind == .deliveryFailed)
            #expect(event.detail?.contains("HTTP 503") == true)

            #expect(try await store.retryDeliveries(ids: [claimed.id], at: Fixture.at(200)) == 1)
            let retried = try #require(try await Outbox.all(store).first)
            #expect(retried.state == .pending)
            #expect(retried.attempts == 0)
            #expect(retried.retryingSince == Fixture.at(200))
            #expect(retried.dueAt == Fixture.at(200))
            #expect(retried.idempotencyKey == claimed.idempotencyKey)
            let notDead = await #expect(throws: StoreError.self) {
                try await store.retryDeliveries(ids: [claimed.id], at: Fixture.at(201))
            }
            #expect(notDead?.description.contains("\(claimed.id)") == true)
            let unknown = await #expect(throws: StoreError.self) {
                try await store.retryDeliveries(ids: [claimed.id + 100], at: Fixture.at(201))
            }
            #expect(unknown?.isNotFound == true)
            let again = try await store.claimDeliveries(limit: 1, now: Fixture.at(200), lease: 30)
            #expect(again.map(\.id) == [claimed.id])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func retryingWithoutIdsTakesEveryDeadDelivery(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            for index in 0..<3 {
                _ = try await store.ingest(Fixture.request([Fixture.alert("Load", instance: "h\(index)")]))
            }
            let claimed = try await store.claimDeliveries(limit: 10, now: Fixture.at(1), lease: 30)
            for delivery in claimed.prefix(2) {
                try await store.markFailed(id: delivery.id, attempt: Outbox.failed(delivery.id, at: 1), retryAt: nil)
            }
            #expect(try await store.retryDeliveries(ids: nil, at: Fixture.at(5)) == 2)
            #expect(try await Outbox.all(store, state: .dead).isEmpty)
            #expect(try await store.retryDeliveries(ids: nil, at: Fixture.at(6)) == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func listsFilterByStateAndIncidentNewestFirst(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let first = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let second = try await store.ingest(Fixture.request([Fixture.alert("Load")], at: 1)).incidentIDs[0]
            let claimed = try await store.claimDeliveries(limit: 1, now: Fixture.at(2), lease: 30)
            try await store.markDelivered(id: claimed[0].id, attempt: Outbox.sent(claimed[0].id, at: 2), reference: nil)
            let all = try await store.deliveries(matching: DeliveryQuery())
            #expect(all.map(\.incidentID) == [second, first])
            #expect(try await store.deliveries(matching: DeliveryQuery(state: .sent)).map(\.incidentID) == [first])
            #expect(try await store.deliveries(matching: DeliveryQuery(incidentID: second)).map(\.state) == [.pending])
            #expect(try await store.deliveries(matching: DeliveryQuery(limit: 1)).count == 1)
            let bad = await #expect(throws: StoreError.self) {
                try await store.deliveries(matching: DeliveryQuery(limit: 0))
            }
            #expect(bad?.isInvalid == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pruningDeletesOldSentAndDeadDeliveriesOnly(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            for index in 0..<3 {
                _ = try await store.ingest(Fixture.request([Fixture.alert("Load", instance: "h\(index)")]))
            }
            let claimed = try await store.claimDeliveries(limit: 10, now: Fixture.at(1), lease: 30)
            try await store.markDelivered(id: claimed[0].id, attempt: Outbox.sent(claimed[0].id, at: 1), reference: nil)
            try await store.markFailed(id: claimed[1].id, attempt: Outbox.failed(claimed[1].id, at: 1), retryAt: nil)
            #expect(try await store.pruneDeliveries(olderThan: Fixture.at(0)) == 0)
            #expect(try await store.pruneDeliveries(olderThan: Fixture.at(100)) == 2)
            #expect(try await Outbox.all(store).map(\.id) == [claimed[2].id])
            #expect(try await store.attempts(deliveryID: claimed[0].id).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func incidentsWithDeliveriesCanBeRetractedAndPruned(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let claimed = try await store.claimDeliveries(limit: 1, now: Fixture.at(1), lease: 30)
            try await store.markFailed(id: claimed[0].id, attempt: Outbox.failed(claimed[0].id, at: 1), retryAt: nil)
            try await store.retractIncident(id: id, by: "ana", reason: "test data", at: Fixture.at(2))
            _ = try await store.resolve(incidentID: id, by: "ana", at: Fixture.at(3))
            let pruned = try await store.prune(olderThan: Fixture.at(100))
            #expect(pruned.incidents == 1)
            #expect(try await Outbox.all(store).isEmpty)
            #expect(try await store.attempts(deliveryID: claimed[0].id).isEmpty)
            #expect(try await store.outboxStatistics(now: Fixture.at(100)).dead == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func retractingAnIncidentBlanksWhatReceiversAnsweredAboutIt(kind: StoreKind) async throws {
        try await kind.withStore(configuration: Outbox.configuration()) { store in
            let id = try await store.ingest(Fixture.request([Fixture.alert("DiskFull")])).incidentIDs[0]
            let claimed = try await store.claimDeliveries(limit: 1, now: Fixture.at(1), lease: 30)
            var echo = Outbox.failed(claimed[0].id, at: 1)
            echo.error = "HTTP 400: bad field, got instance=db1 password=hunter2"
            try await store.markFailed(id: claimed[0].id, attempt: echo, retryAt: nil)
            try await store.retractIncident(id: id, by: "ana", reason: "a password in a label", at: Fixture.at(2))
            let delivery = try #require(try await Outbox.all(store, incidentID: id).first)
            #expect(delivery.lastError == "[retracted]")
            #expect(try await store.attempts(deliveryID: delivery.id).map(\.error) == ["[retracted]"])
            let failed = try await store.incident(id: id).timeline.filter { $0.kind == .deliveryFailed }
            #expect(failed.count == 1)
            #expect(failed.allSatisfy { $0.detail == "[retracted]" })
            #expect(delivery.state == .dead)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pendingDeliveriesSurviveAnAbandonedStore(kind: StoreKind) async throws {
        let location = try kind.makeLocation()
        defer { try? FileManager.default.removeItem(at: location) }
        // The first store is never closed, as when the process is killed mid-send.
        let crashed = try await kind.open(at: location, configuration: Outbox.configuration())
        _ = try await crashed.ingest(Fixture.request([Fixture.alert("DiskFull"), Fixture.alert("Load")]))
        let inFlight = try await crashed.claimDeliveries(limit: 10, now: Fixture.at(1), lease: 30)
        #expect(inFlight.count == 2)

        let restarted = try await kind.open(at: location, configuration: Outbox.configuration())
        #expect(try await restarted.claimDeliveries(limit: 10, now: Fixture.at(2), lease: 30).isEmpty)
        let reclaimed = try await restarted.claimDeliveries(limit: 10, now: Fixture.at(31), lease: 30)
        #expect(reclaimed.map(\.idempotencyKey) == inFlight.map(\.idempotencyKey))
        try await restarted.close()
        try await crashed.close()
    }
}
