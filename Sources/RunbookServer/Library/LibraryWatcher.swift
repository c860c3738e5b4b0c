import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Keeps a `LibraryHolder` up to date: loads the library, and reloads it when its source changes.
///
/// As a `Service` it polls the source's fingerprint every `interval` (zero: never) until graceful shutdown.
/// A reload that fails keeps the previous snapshot and is logged and counted; requests never see a partial one.
///
/// ```swift
/// let watcher = LibraryWatcher(source: source, holder: holder, interval: .seconds(5), logger: logger,
///                              metrics: metrics)
/// try watcher.reload()
/// ```
public final class LibraryWatcher<Source: RunbookSource>: Service {
    let source: Source
    let holder: LibraryHolder
    let interval: Duration
    let logger: Logger
    let metrics: RunbookMetrics
    private let lastFingerprint = NIOLockedValueBox<String?>(nil)

    /// A watcher loading from `source` into `holder`.
    public init(source: Source, holder: LibraryHolder, interval: Duration, logger: Logger, metrics: RunbookMetrics) {
        self.source = source
        self.holder = holder
        self.interval = interval
        self.logger = logger
        self.metrics = metrics
    }

    /// Loads the library now and publishes it; on failure the previous snapshot stays and the error is thrown.
    @discardableResult
    public func reload() throws -> LibrarySnapshot {
        do {
            let fingerprint = try source.fingerprint()
            let snapshot = try source.load()
            lastFingerprint.withLockedValue { $0 = fingerprint }
            let previous = holder.replace(with: snapshot)
            metrics.libraryReloaded(entries: snapshot.entryCount)
            logger.info("library.loaded", metadata: [
                "library.revision": .string(snapshot.revision),
                "library.entries": .stringConvertible(snapshot.entryCount),
                "library.findings": .stringConvertible(snapshot.findings.count),
                "library.previous_revision": .string(previous?.revision ?? "none"),
            ])
            return snapshot
        } catch {
            metrics.libraryReloaded(entries: nil)
            logger.error("library.load_failed", metadata: ["error": .string(String(describing: error))])
            throw error
        }
    }

    /// Reloads when the source's fingerprint differs from the last one seen; returns whether it reloaded.
    ///
    /// A library that fails to load is not retried until it changes again, so a broken file is logged once.
    @discardableResult
    public func reloadIfChanged() -> Bool {
        guard let fingerprint = try? source.fingerprint() else { return false }
        let changed = lastFingerprint.withLockedValue { last in
            defer { last = fingerprint }
            return last != fingerprint
        }
        return changed && (try? reload()) != nil
    }

    public func run() async throws {
        guard interval > .zero else {
            try await gracefulShutdown()
            return
        }
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: self.interval)
                }
            } catch {
                return
            }
            reloadIfChanged()
        }
    }
}
