/// The last heartbeat report and the computation in progress, shared by every caller of `Heartbeat.run`.
actor HeartbeatCache {
    private let interval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var last: (report: Heartbeat.Report, at: ContinuousClock.Instant)?
    private var computing: Task<Heartbeat.Report, Never>?

    init(interval: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.interval = interval
        self.now = now
    }

    /// The last report while it is younger than the interval; else the one being computed, or a new one.
    func report(computing compute: @escaping @Sendable () async -> Heartbeat.Report) async -> Heartbeat.Report {
        if let last, now() < last.at.advanced(by: interval) {
            return last.report
        }
        if let computing {
            return await computing.value
        }
        let task = Task { await compute() }
        computing = task
        let report = await task.value
        last = (report, now())
        computing = nil
        return report
    }
}
