import Dispatch
import Foundation
import Testing

@testable import RunbookStore

struct ThreadGroupCommitterTests {
    struct Refused: Error, Equatable {
        var request: Int
    }

    /// Holds the first batch's write (blocking the committer's queue) until the test opens it, and records the
    /// batches written.
    final class Writer: @unchecked Sendable {
        private let lock = NSLock()
        private let gate = DispatchSemaphore(value: 0)
        private var held = false
        private var opened = false
        private var written: [[Int]] = []

        func write(_ batch: [Int]) -> (results: [Result<Int, any Error>], transactions: Int) {
            let first = lock.withLock {
                written.append(batch)
                held = written.count == 1
                return written.count == 1
            }
            if first {
                gate.wait()
            }
            let results: [Result<Int, any Error>] = batch.map { request in
                request % 4 == 3 ? .failure(Refused(request: request)) : .success(request * 10)
            }
            return (results, 1)
        }

        var isHolding: Bool { lock.withLock { held } }

        var batches: [[Int]] { lock.withLock { written } }

        /// Lets the first batch's write finish; opening twice does nothing more.
        func open() {
            let first = lock.withLock {
                defer { opened = true }
                return !opened
            }
            if first { gate.signal() }
        }
    }

    @Test
    func requestsQueuedDuringAWriteShareTheNextAndFailAlone() async throws {
        let writer = Writer()
        let committer = ThreadGroupCommitter<Int, Int>(label: "test", maxBatchSize: 100) { writer.write($0) }
        async let first = committer.submit(0)
        while !writer.isHolding {
            await Task.yield()
        }
        let others = Task { await submitEach(1...9) { try await committer.submit($0) } }
        while committer.queued < 9 {
            await Task.yield()
        }
        writer.open()
        #expect(try await first == 0)
        let results = await others.value
        for request in 1...9 {
            switch results[request] {
            case .success(let value): #expect(request % 4 != 3 && value == request * 10)
            case .failure(let error): #expect(error as? Refused == Refused(request: request))
            case nil: Issue.record("request \(request) got no answer")
            }
        }
        #expect(writer.batches.map(\.count) == [1, 9])
        #expect(committer.statistics == IngestStatistics(requests: 10, transactions: 2, largestBatch: 9))
    }

    @Test
    func batchesAreCappedAtTheirMaximumSize() async throws {
        let writer = Writer()
        let committer = ThreadGroupCommitter<Int, Int>(label: "test", maxBatchSize: 4) { writer.write($0) }
        async let first = committer.submit(0)
        while !writer.isHolding {
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
        while committer.queued < 10 {
            await Task.yield()
        }
        writer.open()
        _ = try await first
        try await others.value
        #expect(writer.batches.map(\.count) == [1, 4, 4, 2])
        await committer.flush()
        #expect(committer.queued == 0)
    }

    @Test
    func aSubmitPastTheQueueLimitIsRefusedAtOnceAndTheQueuedOnesAreWritten() async throws {
        let writer = Writer()
        let committer = ThreadGroupCommitter<Int, Int>(label: "test", maxBatchSize: 100, maxQueued: 2) {
            writer.write($0)
        }
        async let first = committer.submit(0)
        while !writer.isHolding {
            await Task.yield()
        }
        async let second = committer.submit(1)
        async let third = committer.submit(2)
        while committer.queued < 2 {
            await Task.yield()
        }
        await #expect(throws: StoreUnavailable(.overloaded(limit: 2))) {
            try await committer.submit(4)
        }
        writer.open()
        #expect(try await [first, second, third] == [0, 10, 20])
        // `second` and `third` are submitted at once, so they may queue in either order: one batch holds both.
        #expect(writer.batches.map { $0.sorted() } == [[0], [1, 2]])
    }

    /// The point of the type: an actor's next batch needs a thread of the cooperative pool, which requests being
    /// decoded and matched keep busy under load. Here every thread of the pool is held (spinning) from before the
    /// first batch commits until the second one is written.
    @Test
    func theNextBatchIsWrittenWhileEveryCooperativeThreadIsBusy() async throws {
        let writer = Writer()
        let committer = ThreadGroupCommitter<Int, Int>(label: "test", maxBatchSize: 100) { writer.write($0) }
        async let first = committer.submit(0)
        while !writer.isHolding {
            await Task.yield()
        }
        async let second = committer.submit(1)
        while committer.queued < 1 {
            await Task.yield()
        }
        let width = ProcessInfo.processInfo.activeProcessorCount
        let started = StartedCount()
        let blockers = (0..<width).map { _ in
            Task.detached { () -> Bool in
                started.increment()
                // Every thread of the pool taken (or, if the pool is wider, two seconds passed).
                let start = ContinuousClock.now
                while started.value < width, ContinuousClock.now - start < .seconds(2) {}
                writer.open()
                let opened = ContinuousClock.now
                while writer.batches.count < 2 {
                    if ContinuousClock.now - opened > .seconds(5) { return false }
                }
                return true
            }
        }
        for blocker in blockers {
            #expect(await blocker.value, "the second batch was not written while the cooperative pool was busy")
        }
        #expect(try await [first, second] == [0, 10])
    }

    final class StartedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func increment() { lock.withLock { count += 1 } }

        var value: Int { lock.withLock { count } }
    }
}
