/// Batches concurrent requests into shared write transactions: one fsync for many callers.
///
/// Callers `submit` and wait. While a batch is being written, new requests queue; the writer then
/// takes them all (up to `maxBatchSize`) in the next transaction. `commit` returns one result per
/// request, so a request that fails fails only its own caller. A caller cancelled while waiting is
/// still written: a request that was handed over is never half-done. Past `maxQueued` waiting requests,
/// `submit` refuses at once with `StoreUnavailable.overloaded`, so that a flood cannot grow the queue (and
/// every caller's wait) without bound.
actor GroupCommitter<Request: Sendable, Response: Sendable> {
    /// Writes a batch and says, per request, what came of it, and how many transactions it took.
    typealias Commit = @Sendable ([Request]) async -> (results: [Result<Response, any Error>], transactions: Int)

    private let maxBatchSize: Int
    private let maxQueued: Int
    private let commit: Commit
    private var pending: [(request: Request, continuation: CheckedContinuation<Response, any Error>)] = []
    private var writing = false
    private var idle: [CheckedContinuation<Void, Never>] = []
    private(set) var statistics = IngestStatistics()

    /// Requests waiting for the next transaction.
    var queued: Int {
        pending.count
    }

    init(maxBatchSize: Int, maxQueued: Int = .max, commit: @escaping Commit) {
        self.maxBatchSize = max(1, maxBatchSize)
        self.maxQueued = max(1, maxQueued)
        self.commit = commit
    }

    /// Queues the request and returns once the transaction that holds it has committed.
    func submit(_ request: Request) async throws -> Response {
        guard pending.count < maxQueued else {
            throw StoreUnavailable(.overloaded(limit: maxQueued))
        }
        return try await withCheckedThrowingContinuation { continuation in
            pending.append((request, continuation))
            if !writing {
                writing = true
                Task { await drain() }
            }
        }
    }

    /// Waits until every request submitted so far has been written.
    func flush() async {
        guard writing else { return }
        await withCheckedContinuation { idle.append($0) }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatchSize))
            pending.removeFirst(batch.count)
            let outcome = await commit(batch.map(\.request))
            precondition(outcome.results.count == batch.count, "commit must answer every request of its batch")
            statistics.count(batch: batch.count, transactions: outcome.transactions)
            for (entry, result) in zip(batch, outcome.results) {
                entry.continuation.resume(with: result)
            }
        }
        writing = false
        for waiter in idle {
            waiter.resume()
        }
        idle.removeAll()
    }
}
