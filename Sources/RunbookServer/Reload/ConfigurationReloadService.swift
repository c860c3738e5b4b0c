import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on every SIGHUP, instead of letting the signal end the process, and carries the
/// reloader to `POST /-/reload`.
///
/// Runs with the server's services and stops at graceful shutdown.
///
/// ```swift
/// let services: [any Service] = [ConfigurationReloadService(reloader: reloader)]
/// ```
public struct ConfigurationReloadService: Service {
    let reloader: ConfigurationReloader
    let signals: [UnixSignal]

    /// A service reloading through `reloader` on each of `signals`; with none (a server inside a test process,
    /// which must leave the process's signals alone) it only carries the reloader to `POST /-/reload`.
    public init(reloader: ConfigurationReloader, signals: [UnixSignal] = [.sighup]) {
        self.reloader = reloader
        self.signals = signals
    }

    public func run() async throws {
        guard !signals.isEmpty else {
            try await gracefulShutdown()
            return
        }
        for await signal in await UnixSignalsSequence(trapping: signals).cancelOnGracefulShutdown() {
            reloader.logger.notice("config.reload_requested", metadata: ["signal": .string("\(signal)")])
            // A refusal is logged by the reloader, and the server keeps running on the old configuration.
            _ = try? reloader.reload()
        }
    }
}
