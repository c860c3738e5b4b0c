import NIOConcurrencyHelpers
import RunbookCore
import RunbookStore

/// Keeps the `runbook_incidents_open` gauge current after ingestion without slowing requests down.
///
/// `refresh()` returns at once; a background task counts the open incidents. At most one count runs at a time, and
/// refreshes asked for meanwhile are folded into a single further count, so an ingestion burst costs a few counts.
final class OpenIncidentGauge: Sendable {
    private struct State {
        var running = false
        var again = false
    }

    private let store: any Store
    private let metrics: RunbookMetrics
    private let state = NIOLockedValueBox(State())

    init(store: any Store, metrics: RunbookMetrics) {
        self.store = store
        self.metrics = metrics
    }

    /// Schedules a count of the open incidents, unless one is already scheduled.
    func refresh() {
        let start = state.withLockedValue { state -> Bool in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        Task { await self.countWhileAsked() }
    }

    private func countWhileAsked() async {
        repeat {
            if let count = try? await store.openIncidentCount() {
                metrics.setIncidentsOpen(count)
            }
        } while state.withLockedValue { state in
            defer { state.again = false }
            state.running = state.again
            return state.again
        }
    }
}
