import Testing

@testable import RunbookStore

struct GroupCommitterTests {
    struct Refused: Error, Equatable {
        var request: Int
    }

    /// Holds the first batch's write until the test opens it, and records the batches written.
    actor Writer {
        private var gate: CheckedContinuation<Void, Never>?
        private var held = false
        private(set) var batches: [[Int]] = []

        func write(_ batch: [Int]) async -> (results: [Result<Int, any Error>], transactions: Int) {
            batches.append(batch)
            if batches.count == 1 {
                await withCheckedContinuation { gate = $0; held = true }
            }
            let results: [Result<Int, any Error>] = batch.map { request in
                request % 4 == 3 ? .failure(Refused(request: request)) : .success(request * 10)
            }
            return (results, 1)
        }

        var isHolding: Bool { held }

        func open() {
            gate?.resume()
            gate = nil
        }
    }

    @Test
    func requestsQueuedDuringAWriteShareTheNextAndFailAlone() async throws {
        let writer = Writer()
        let committer = GroupCommitter<Int, Int>(maxBatchSize: 100) { await writer.write($0) }
        async let first = committer.submit(0)
        while await !writer.isHolding {
            await Task.yield()
        }
        let others = Task { await submitEach(1...9) { try await committer.submit($0) } }
        while await committer.queued < 9 {
            await Task.yield()
        }
        await writer.open()
        #expect(try await first == 0)
        let results = await others.value
        for request in 1...9 {
            switch results[request] {
            case .success(let value): #expect(request % 4 != 3 && value == request * 10)
            case .failure(let error): #expect(error as? Refused == Refused(request: request))
            case nil: Issue.record("request \(request) got no answer")
            }
        }
        #expect(await writer.batches.map(\.count) == [1, 9])
        let statistics = await committer.statistics
        #expect(statistics == IngestStatistics(requests: 10, transactions: 2, largestBatch: 9))
    }

    @Test
    func batchesAreCappedAtTheirMaximumSize() async throws {
        let writer = Writer()
        let committer = GroupCommitter<Int, Int>(maxBatchSize: 4) { await writer.write($0) }
        async let first = committer.submit(0)
        while await !writer.isHolding {
            await Task.yield()
        }
        let others = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for request in [1, 2, 4, 5, 6, 8, 9, 10, 12, 13] {
                    group.addTask { _ = try await committer.submit(request) }
                }
                try await group.waitForAll()
            }
        }
        while await committer.queued < 10 {
            await Task.yield()
        }
        await writer.open()
        _ = try await first
        try await others.value
        #expect(await writer.batches.map(\.count) == [1, 4, 4, 2])
        await committer.flush()
        #expect(await committer.queued == 0)
    }

    @Test
    func aSubmitPastTheQueueLimitIsRefusedAtOnceAndTheQueuedOnesAreWritten() async throws {
        let writer = Writer()
        let committer = GroupCommitter<Int, Int>(maxBatchSize: 100, maxQueued: 2) { await writer.write($0) }
        async let first = committer.submit(0)
        while await !writer.isHolding {
            await Task.yield()
        }
        async let second = committer.submit(1)
        async let third = committer.submit(2)
        while await committer.queued < 2 {
            await Task.yield()
        }
        await #expect(throws: StoreUnavailable(.overloaded(limit: 2))) {
            try await committer.submit(4)
        }
        await writer.open()
        #expect(try await [first, second, third] == [0, 10, 20])
        // `second` and `third` are submitted at once, so they may queue in either order: one batch holds both.
        #expect(await writer.batches.map { $0.sorted() } == [[0], [1, 2]])
    }
}
