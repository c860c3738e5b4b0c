import Dispatch
import Foundation

/// Batches concurrent requests into shared write transactions, as `GroupCommitter` does, but writes them on a
/// dispatch queue of its own with a blocking `commit`: the next batch starts as soon as the last one committed.
///
/// `GroupCommitter` is an actor: after each commit it needs a thread of Swift's cooperative pool to answer the batch
/// and to start the next one, and under load those threads are busy decoding and matching the next requests (a
/// 100-alert request is a job of a few milliseconds), so the one writer waited for them and the two sides took
/// turns. Here the writer's queue answers the batch (resuming its callers' continuations) and takes the next batch
/// itself; the cooperative pool is needed only to run the callers. The rest is `GroupCommitter`'s contract: one
/// result per request, a caller cancelled while waiting is still written, past `maxQueued` waiting requests `submit`
/// refuses at once with `StoreUnavailable.overloaded`.
final class ThreadGroupCommitter<Request: Sendable, Response: Sendable>: @unchecked Sendable {
    /// Writes a batch, blocking its thread, and says per request what came of it and how many transactions it took.
    typealias Commit = @Sendable ([Request]) -> (results: [Result<Response, any Error>], transactions: Int)

    private typealias Waiting = (request: Request, continuation: CheckedContinuation<Response, any Error>)

    private let maxBatchSize: Int
    private let maxQueued: Int
    private let commit: Commit
    private let queue: DispatchQueue
    /// Guards everything below.
    private let lock = NSLock()
    private var pending: [Waiting] = []
    private var writing = false
    private var idle: [CheckedContinuation<Void, Never>] = []
    private var counted = IngestStatistics()

    init(label: String, maxBatchSize: Int, maxQueued: Int = .max, commit: @escaping Commit) {
        self.maxBatchSize = max(1, maxBatchSize)
        self.maxQueued = max(1, maxQueued)
        self.commit = commit
        queue = DispatchQueue(label: label)
    }

    /// Requests waiting for the next transaction.
    var queued: Int {
        lock.withLock { pending.count }
    }

    /// How many requests shared how many transactions.
    var statistics: IngestStatistics {
        lock.withLock { counted }
    }

    /// Queues the request and returns once the transaction that holds it has committed.
    func submit(_ request: Request) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            let outcome: (refused: Bool, start: Bool) = lock.withLock {
                guard pending.count < maxQueued else { return (true, false) }
                pending.append((request, continuation))
                guard !writing else { return (false, false) }
                writing = true
                return (false, true)
            }
            if outcome.refused {
                continuation.resume(throwing: StoreUnavailable(.overloaded(limit: maxQueued)))
            } else if outcome.start {
                queue.async { self.drain() }
            }
        }
    }

    /// Waits until every request submitted so far has been written.
    func flush() async {
        await withCheckedContinuation { continuation in
            let done = lock.withLock {
                guard writing else { return true }
                idle.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Writes batches until none is waiting, on `queue`.
    private func drain() {
        while let batch = takeBatch() {
            let outcome = commit(batch.map(\.request))
            precondition(outcome.results.count == batch.count, "commit must answer every request of its batch")
            lock.withLock { counted.count(batch: batch.count, transactions: outcome.transactions) }
            for (entry, result) in zip(batch, outcome.results) {
                entry.continuation.resume(with: result)
            }
        }
    }

    /// The next batch, or nil (and the flushers woken) when nothing waits.
    private func takeBatch() -> [Waiting]? {
        let (batch, waiters): ([Waiting]?, [CheckedContinuation<Void, Never>]) = lock.withLock {
            guard !pending.isEmpty else {
                writing = false
                defer { idle.removeAll() }
                return (nil, idle)
            }
            let batch = Array(pending.prefix(maxBatchSize))
            pending.removeFirst(batch.count)
            return (batch, [])
        }
        for waiter in waiters {
            waiter.resume()
        }
        return batch
    }
}
