import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on every SIGHUP, instead of letting the signal end the process.
///
/// Runs with the server's services and stops at graceful shutdown.
///
/// ```swift
/// let services: [any Service] = [ConfigurationReloadService(reloader: reloader)]
/// ```
public struct ConfigurationReloadService: Service {
    let reloader: ConfigurationReloader

    /// A service reloading through `reloader`.
    public init(reloader: ConfigurationReloader) {
        self.reloader = reloader
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            reloader.logger.notice("config.reload_requested", metadata: ["signal": "SIGHUP"])
            // A refusal is logged by the reloader, and the server keeps running on the old configuration.
            try? reloader.reload()
        }
    }
}
