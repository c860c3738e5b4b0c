import Foundation
import Logging
import RunbookCore
import RunbookStore

extension Dispatcher {
    /// Sends a claimed batch: channels in parallel, each with at most its `concurrency` requests in flight.
    ///
    /// A worker records each try in a child task and goes on to its next delivery at once, so a send never waits
    /// for the previous one's commit (the claim never holds two pending deliveries of one incident and channel,
    /// so nothing in a batch depends on another's record). The batch returns once every try is recorded.
    func send(_ deliveries: [OutboxDelivery]) async -> [DeliveryOutcome] {
        let byChannel = Dictionary(grouping: deliveries, by: \.channel)
        let channels = dispatch.channels
        return await withTaskGroup(of: [DeliveryOutcome].self) { group in
            for (name, queued) in byChannel {
                let queue = WorkQueue(queued)
                let workers = min(queued.count, max(1, channels[name]?.settings.concurrency ?? 1))
                for _ in 0..<workers {
                    group.addTask {
                        await withTaskGroup(of: DeliveryOutcome.self) { records in
                            while let delivery = queue.next() {
                                let sent = await attempt(delivery)
                                records.addTask { await record(sent) }
                            }
                            var outcomes: [DeliveryOutcome] = []
                            for await outcome in records {
                                outcomes.append(outcome)
                            }
                            return outcomes
                        }
                    }
                }
            }
            var all: [DeliveryOutcome] = []
            for await outcomes in group {
                all.append(contentsOf: outcomes)
            }
            return all
        }
    }

    /// Renders and sends one delivery through its channel as configured now; records nothing.
    private func attempt(_ delivery: OutboxDelivery) async -> DeliveryTry {
        let attemptAt = clock.now
        let started = ContinuousClock.now
        var isSelfIncident = false
        let result: Result<DeliveryReceipt, DeliveryFailure>
        let channelType: String
        let channel = dispatch.channels[delivery.channel]
        if let channel {
            channelType = channel.settings.kind.typeName
            switch await message(for: delivery, channel: channel, now: attemptAt) {
            case .success(let message):
                isSelfIncident = DeliveryFailedAlert.isSelf(message.labels)
                result = await channel.send(message)
            case .failure(let failure):
                result = .failure(failure)
            }
        } else {
            channelType = "unknown"
            result = .failure(.channelNotConfigured(delivery.channel))
            logger.warning("delivery.channel_missing", metadata: [
                "notify.delivery": "\(delivery.id)", "notify.channel": "\(delivery.channel)",
                "detail": "the channel is no longer configured (removed or renamed by a reload): the delivery is dead",
            ])
        }
        // Shutdown cut the send short: nothing is recorded, and the delivery is tried again once its lease ends.
        let abandoned = Task.isCancelled && result.failure != nil
        return DeliveryTry(
            delivery: delivery, channelType: channelType, result: result, at: attemptAt,
            duration: Self.seconds(started.duration(to: .now)), isSelfIncident: isSelfIncident,
            isChannelMissing: channel == nil, abandoned: abandoned
        )
    }

    /// Records a try (unless shutdown abandoned it) and counts it in the metrics.
    private func record(_ attempt: DeliveryTry) async -> DeliveryOutcome {
        let outcome: DeliveryOutcome.Result
        if attempt.abandoned {
            outcome = .abandoned
        } else {
            outcome = await record(
                attempt.delivery, result: attempt.result, at: attempt.at, duration: attempt.duration
            )
        }
        metrics.delivered(channelType: attempt.channelType, result: outcome, duration: attempt.duration)
        return DeliveryOutcome(
            delivery: attempt.delivery, channelType: attempt.channelType, result: outcome, duration: attempt.duration,
            error: attempt.result.failure?.message, isSelfIncident: attempt.isSelfIncident,
            isChannelMissing: attempt.isChannelMissing
        )
    }

    private func message(
        for delivery: OutboxDelivery, channel: any NotificationChannel, now: Date
    ) async -> Result<NotificationMessage, DeliveryFailure> {
        do {
            var threadReference: String?
            if channel.usesThreads && delivery.kind != .triggered && delivery.kind != .digest {
                threadReference = try await store.threadReference(
                    incidentID: delivery.incidentID, channel: delivery.channel
                )
            }
            return .success(try await renderer.render(delivery, store: store, threadReference: threadReference,
                                                      now: now))
        } catch let error as StoreError where error.isNotFound {
            return .failure(.unrenderable("incident \(delivery.incidentID) is gone: \(error.message)"))
        } catch {
            return .failure(.connection("reading the incident failed: \(error)"))
        }
    }

    /// Writes the attempt; returns whether it was sent, is due again or is dead.
    private func record(
        _ delivery: OutboxDelivery, result: Result<DeliveryReceipt, DeliveryFailure>, at: Date,
        duration: TimeInterval
    ) async -> DeliveryOutcome.Result {
        switch result {
        case .success(let receipt):
            let attempt = DeliveryAttempt(deliveryID: delivery.id, at: at, status: receipt.status, duration: duration)
            await write("delivery.record_sent_failed", delivery) {
                try await store.markDelivered(id: delivery.id, attempt: attempt, reference: receipt.reference)
            }
            return .sent
        case .failure(let failure):
            let attempt = DeliveryAttempt(
                deliveryID: delivery.id, at: at, status: failure.status, error: failure.message, duration: duration
            )
            let now = clock.now
            let retry = settings.retry
            let retryAt = random.withLockedValue { generator in
                retry.nextTry(
                    after: failure, failures: delivery.attempts + 1, retryingSince: delivery.retryingSince,
                    now: now, using: &generator
                )
            }
            logger.warning("delivery.failed", metadata: [
                "notify.delivery": "\(delivery.id)", "notify.channel": "\(delivery.channel)",
                "notify.kind": "\(delivery.kind.rawValue)", "notify.attempts": "\(delivery.attempts + 1)",
                "notify.error": "\(failure.message)", "notify.dead": "\(retryAt == nil)",
            ])
            await write("delivery.record_failure_failed", delivery) {
                try await store.markFailed(id: delivery.id, attempt: attempt, retryAt: retryAt)
            }
            return retryAt == nil ? .dead : .retried
        }
    }

    /// Runs a store write; a failure is logged (the lease ends and the delivery is tried again).
    private func write(_ problem: Logger.Message, _ delivery: OutboxDelivery, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.error(problem, metadata: ["notify.delivery": "\(delivery.id)", "error": "\(error)"])
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension Result {
    /// The failure, when it is one.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
