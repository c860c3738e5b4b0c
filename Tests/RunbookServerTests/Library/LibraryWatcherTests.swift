import Logging
import NIOConcurrencyHelpers
import Testing

@testable import RunbookServer

struct LibraryWatcherTests {
    /// A source whose size (and so fingerprint and snapshot) the test sets, or makes fail.
    final class FakeSource: RunbookSource {
        let state = NIOLockedValueBox<(size: Int, broken: Bool)>((1, false))
        let loads = NIOLockedValueBox(0)

        func fingerprint() throws -> String {
            "size-\(state.withLockedValue { $0.size })"
        }

        func load() throws -> LibrarySnapshot {
            loads.withLockedValue { $0 += 1 }
            let (size, broken) = state.withLockedValue { $0 }
            if broken { throw HeartbeatFailure("oncall.md cannot be read") }
            return TestServer.snapshot(entries: size)
        }
    }

    private func watcher(
        _ source: FakeSource, holder: LibraryHolder, exporter: MetricsExporter
    ) -> LibraryWatcher<FakeSource> {
        LibraryWatcher(source: source, holder: holder, interval: .seconds(5),
                       logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                       metrics: RunbookMetrics(factory: exporter.factory))
    }

    @Test
    func reloadsOnlyWhenTheSourceChanges() throws {
        let source = FakeSource()
        let holder = LibraryHolder()
        let watcher = watcher(source, holder: holder, exporter: MetricsExporter())
        try watcher.reload()
        #expect(holder.current?.revision == "rev-1")
        #expect(!watcher.reloadIfChanged())
        source.state.withLockedValue { $0.size = 4 }
        #expect(watcher.reloadIfChanged())
        #expect(holder.current?.revision == "rev-4")
        #expect(source.loads.withLockedValue { $0 } == 2)
    }

    @Test
    func aFailedReloadKeepsThePreviousLibraryAndIsCountedOnce() throws {
        let source = FakeSource()
        let holder = LibraryHolder()
        let exporter = MetricsExporter()
        let watcher = watcher(source, holder: holder, exporter: exporter)
        try watcher.reload()
        source.state.withLockedValue { $0 = (2, true) }
        #expect(!watcher.reloadIfChanged())
        #expect(!watcher.reloadIfChanged())
        #expect(holder.current?.revision == "rev-1")
        let text = exporter.render()
        #expect(text.contains(#"runbook_library_reloads_total{result="failure"} 1"#))
        #expect(text.contains(#"runbook_library_reloads_total{result="success"} 1"#))
        #expect(text.contains("runbook_library_entries 1"))
    }
}
