import RunbookStore

extension Dispatcher {
    /// Whether this node plans the scheduled deliveries now: on several nodes sharing one store, one of them does
    /// per `scheduleSpacing` (`JobCoordination`), so that two dispatchers do not plan the same repeat at once.
    func scheduleIsMine() async -> Bool {
        await PeriodicJobs.mayRun(
            "notify.scheduled", period: Self.scheduleSpacing, now: clock.now, store: store, logger: logger)
    }
}
