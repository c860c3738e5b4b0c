import Logging
import RunbookStore
import ServiceLifecycle

/// Samples the shared database every `interval` into `DatabaseMetrics`, until graceful shutdown.
///
/// A failed sample is counted and logged at debug level only: `/__heartbeat__` already reports a database that
/// does not answer.
struct DatabaseMetricsService: Service {
    let database: any DatabaseSampling
    let metrics: DatabaseMetrics
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            await sampleOnce()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Takes and records one sample.
    func sampleOnce() async {
        do {
            metrics.record(try await database.sampleDatabase())
        } catch {
            metrics.probeFailed()
            logger.debug("db.sample_failed", metadata: ["error": .string(String(describing: error))])
        }
    }
}
