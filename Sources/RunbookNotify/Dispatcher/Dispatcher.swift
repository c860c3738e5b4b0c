import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import RunbookCore
import RunbookStore
import ServiceLifecycle

/// Sends the outbox: a `Service` that claims due deliveries in batches, sends them concurrently (each channel
/// within its `concurrency` and `timeout`), records every try, and retries with the `RetryPolicy`.
///
/// Each loop plans what time alone causes (`planScheduled`: repeats, silence ends), claims up to `batchSize`
/// deliveries leased for `lease`, sends, then sleeps `pollInterval` unless its `DispatcherSignal` is poked.
/// A delivery that gives up raises Runbook's own incident (`DeliveryFailedAlert`), one per channel, unless it
/// was about such an incident. On graceful shutdown it stops claiming and lets the batch in flight finish;
/// a send cut short keeps its lease and is retried once the lease ends.
///
/// ```swift
/// let dispatcher = Dispatcher(store: store, settings: settings, library: library, logger: logger)
/// let group = ServiceGroup(services: [dispatcher], logger: logger)
/// ```
public struct Dispatcher<Backend: OutboxStore & IncidentStore & IngestStore>: Service {
    /// Least time between two `planScheduled` calls: repeats and silence ends need no finer timing, and a
    /// dispatcher draining a backlog loops far more often than that.
    static var scheduleSpacing: TimeInterval { 1 }

    let store: Backend
    /// The channels and settings in force, read afresh for each batch and send (a reload swaps them).
    let dispatch: DispatchSettings
    let renderer: MessageRenderer
    let library: any NotificationLibrary
    let signal: DispatcherSignal
    let clock: any DispatcherClock
    let random: NIOLockedValueBox<any RandomNumberGenerator & Sendable>
    /// When `planScheduled` last ran.
    let lastScheduled = NIOLockedValueBox<Date?>(nil)
    let metrics: NotifyMetrics
    let logger: Logger

    /// A dispatcher sending with what `dispatch` holds when each send starts; its message links (console URL,
    /// acknowledge links) are those in force at creation.
    public init(
        store: Backend, dispatch: DispatchSettings, library: any NotificationLibrary,
        signal: DispatcherSignal = DispatcherSignal(), clock: any DispatcherClock = SystemDispatcherClock(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        metrics: NotifyMetrics = NotifyMetrics(), logger: Logger
    ) {
        self.store = store
        self.dispatch = dispatch
        let settings = dispatch.settings
        self.renderer = MessageRenderer(
            library: library, consoleURL: settings.consoleURL, acknowledgeLinks: settings.acknowledgeLinks)
        self.library = library
        self.signal = signal
        self.clock = clock
        self.random = NIOLockedValueBox(random)
        self.metrics = metrics
        self.logger = logger
    }

    /// A dispatcher sending through `channels` (by name), with settings that never change.
    public init(
        store: Backend, settings: NotificationSettings, channels: [any NotificationChannel],
        library: any NotificationLibrary, signal: DispatcherSignal = DispatcherSignal(),
        clock: any DispatcherClock = SystemDispatcherClock(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        metrics: NotifyMetrics = NotifyMetrics(), logger: Logger
    ) {
        self.init(
            store: store, dispatch: DispatchSettings(settings, channels: channels), library: library, signal: signal,
            clock: clock, random: random, metrics: metrics, logger: logger
        )
    }

    /// A dispatcher sending through the channels `settings` configures, over `client`, with settings that never
    /// change.
    public init(
        store: Backend, settings: NotificationSettings, library: any NotificationLibrary,
        client: HTTPClient = .shared, signal: DispatcherSignal = DispatcherSignal(),
        clock: any DispatcherClock = SystemDispatcherClock(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        metrics: NotifyMetrics = NotifyMetrics(), logger: Logger
    ) {
        self.init(
            store: store, dispatch: DispatchSettings(settings, client: client), library: library, signal: signal,
            clock: clock, random: random, metrics: metrics, logger: logger
        )
    }

    /// The settings in force.
    var settings: NotificationSettings {
        dispatch.settings
    }

    /// Loops until shutdown: one batch, then a wait for the poll interval or a poke.
    public func run() async throws {
        logger.info("dispatcher.started", metadata: ["notify.channels": "\(dispatch.channels.count)"])
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                await runOnce()
                guard !Task.isShuttingDownGracefully else { break }
                await waitForWork()
            }
        } onGracefulShutdown: {
            signal.poke()
        }
        logger.info("dispatcher.stopped")
    }

    /// One loop: plan, claim, send, record. Store errors are logged and the loop goes on.
    @discardableResult
    public func runOnce() async -> DispatcherBatch {
        let started = ContinuousClock.now
        var batch = DispatcherBatch()
        metrics.loop()
        let settings = self.settings
        do {
            if scheduleIsDue(), await scheduleIsMine() {
                batch.scheduled = try await store.planScheduled(now: clock.now, repeatInterval: settings.repeatInterval)
            }
            let claimed = try await store.claimDeliveries(
                limit: settings.batchSize, now: clock.now, lease: settings.lease
            )
            batch.claimed = claimed.count
            if !claimed.isEmpty {
                let outcomes = await send(claimed)
                tally(outcomes, into: &batch)
                batch.raised = await raiseForDead(outcomes)
            }
        } catch {
            logger.error("dispatcher.loop_failed", metadata: ["error": "\(error)"])
        }
        let statistics = try? await store.outboxStatistics(now: clock.now)
        if let statistics {
            metrics.outbox(statistics, now: clock.now)
        }
        if batch.claimed > 0 || batch.scheduled > 0 {
            logBatch(batch, statistics: statistics, duration: started.duration(to: .now))
        }
        if batch.claimed == settings.batchSize || batch.raised > 0 {
            signal.poke()
        }
        return batch
    }

    /// True, and remembered, when `scheduleSpacing` has passed since `planScheduled` last ran.
    private func scheduleIsDue() -> Bool {
        let now = clock.now
        return lastScheduled.withLockedValue { last in
            if let last, now.timeIntervalSince(last) < Self.scheduleSpacing, now >= last { return false }
            last = now
            return true
        }
    }

    /// Sleeps `pollInterval`, returning early when poked or shut down.
    private func waitForWork() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [clock, settings] in try? await clock.sleep(for: settings.pollInterval) }
            group.addTask { [signal] in await signal.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    private func tally(_ outcomes: [DeliveryOutcome], into batch: inout DispatcherBatch) {
        for outcome in outcomes {
            switch outcome.result {
            case .sent: batch.sent += 1
            case .retried: batch.retried += 1
            case .dead: batch.dead += 1
            case .abandoned: batch.abandoned += 1
            }
            batch.slowestSend = max(batch.slowestSend, outcome.duration)
        }
    }

    private func logBatch(_ batch: DispatcherBatch, statistics: OutboxStatistics?, duration: Duration) {
        var metadata: Logger.Metadata = [
            "notify.claimed": "\(batch.claimed)", "notify.sent": "\(batch.sent)",
            "notify.retried": "\(batch.retried)", "notify.dead": "\(batch.dead)",
            "notify.abandoned": "\(batch.abandoned)",
            "notify.scheduled": "\(batch.scheduled)",
            "notify.batch_ms": "\(Self.milliseconds(duration))",
            "notify.slowest_send_ms": "\(Int((batch.slowestSend * 1000).rounded()))",
        ]
        if let statistics {
            metadata["notify.backlog.pending"] = "\(statistics.pending)"
            metadata["notify.backlog.due"] = "\(statistics.due)"
            metadata["notify.backlog.retrying"] = "\(statistics.retrying)"
        }
        logger.info("dispatcher.batch", metadata: metadata)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}
