import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle

/// An HTTP server on 127.0.0.1 (ephemeral port) that records every request and answers as it is told.
///
/// Tests point channels at it, tell it to fail, hang, throttle or come back, and wait for what it recorded:
///
/// ```swift
/// try await withRecordingReceiver { receiver in
///     receiver.respondOnce([.status(503)], path: "/hook")
///     // … send to receiver.url("/hook") …
///     let requests = try await receiver.waitForRequests(count: 2, path: "/hook")
/// }
/// ```
public final class RecordingReceiver: Sendable {
    /// The port it listens on.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL

    private let state: NIOLockedValueBox<ReceiverState>
    private let serviceGroup: ServiceGroup
    private let running: Task<Void, any Error>

    private init(
        port: Int, state: NIOLockedValueBox<ReceiverState>, serviceGroup: ServiceGroup,
        running: Task<Void, any Error>
    ) {
        self.port = port
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        self.state = state
        self.serviceGroup = serviceGroup
        self.running = running
    }

    /// Starts a receiver on an ephemeral loopback port; call `stop()` when done (or use `withRecordingReceiver`).
    public static func start(logger: Logger? = nil) async throws -> RecordingReceiver {
        let logger = logger ?? Logger(label: "recording-receiver", factory: { _ in SwiftLogNoOpLogHandler() })
        let state = NIOLockedValueBox(ReceiverState())
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: ReceiverResponder(state: state),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger)
        )
        let running = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            try await running.value
            throw ReceiverError.notStarted
        }
        return RecordingReceiver(port: port, state: state, serviceGroup: group, running: running)
    }

    /// Lets hanging requests go and shuts the server down.
    public func stop() async {
        let hanging = state.withLockedValue { state in
            state.stopped = true
            return state.takeHanging()
        }
        for continuation in hanging {
            continuation.resume(returning: .ok)
        }
        await serviceGroup.triggerGracefulShutdown()
        _ = try? await running.value
    }

    /// The URL of `path` on this receiver (`"/hooks/slack"`).
    public func url(_ path: String) -> URL {
        URL(string: baseURL.absoluteString + path)!
    }
}

extension RecordingReceiver {
    /// Answers every later request to `path` (every path when nil) this way, until told otherwise.
    ///
    /// A path's own answer wins over the global one.
    public func respond(_ response: ReceiverResponse, path: String? = nil) {
        state.withLockedValue { state in
            if let path {
                state.standingByPath[path] = response
            } else {
                state.standing = response
            }
        }
    }

    /// Answers the next requests to `path` (any path when nil) with these, one each, before the standing answer.
    public func respondOnce(_ responses: [ReceiverResponse], path: String? = nil) {
        state.withLockedValue { state in
            if let path {
                state.onceQueueByPath[path, default: []].append(contentsOf: responses)
            } else {
                state.onceQueue.append(contentsOf: responses)
            }
        }
    }

    /// Answers hanging requests with `response` (`.hang` counts as 200) and returns how many it let go.
    @discardableResult
    public func release(with response: ReceiverResponse = .ok) -> Int {
        let hanging = state.withLockedValue { $0.takeHanging() }
        for continuation in hanging {
            continuation.resume(returning: response)
        }
        return hanging.count
    }

    /// Comes back: answers 200 again for `path` (for every path when nil, dropping every other instruction)
    /// and lets hanging requests go with 200.
    public func comeBack(path: String? = nil) {
        state.withLockedValue { state in
            if let path {
                state.standingByPath[path] = .ok
                state.onceQueueByPath[path] = nil
            } else {
                state.standing = .ok
                state.standingByPath.removeAll()
                state.onceQueue.removeAll()
                state.onceQueueByPath.removeAll()
            }
        }
        release()
    }
}

extension RecordingReceiver {
    /// Every request recorded so far to `path` (every path when nil), in arrival order.
    public func requests(path: String? = nil) -> [RecordedRequest] {
        let all = state.withLockedValue { $0.requests }
        guard let path else { return all }
        return all.filter { $0.path == path }
    }

    /// How many requests are hanging now.
    public var hangingCount: Int {
        state.withLockedValue { $0.hanging.count }
    }

    /// The most requests to `path` that were ever in flight at once (arrived, not yet answered).
    public func maxInFlight(path: String) -> Int {
        state.withLockedValue { $0.maxInFlightByPath[path, default: 0] }
    }

    /// Waits until at least `count` requests to `path` (any path when nil) are recorded and returns them all.
    ///
    /// Throws `ReceiverError.timedOut` when `timeout` passes first.
    @discardableResult
    public func waitForRequests(
        count: Int, path: String? = nil, timeout: Duration = .seconds(10)
    ) async throws -> [RecordedRequest] {
        try await waitUntil(timeout: timeout) { $0.requests(path: path).count >= count }
        return requests(path: path)
    }

    /// Waits until `condition` holds for this receiver, polling it; throws `ReceiverError.timedOut` after `timeout`.
    public func waitUntil(
        timeout: Duration = .seconds(10), _ condition: @Sendable (RecordingReceiver) -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while !condition(self) {
            guard clock.now < deadline else {
                throw ReceiverError.timedOut(recorded: requests().count)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// Starts a receiver, runs `body` with it and stops it, even when `body` throws.
public func withRecordingReceiver<Value: Sendable>(
    _ body: (RecordingReceiver) async throws -> Value
) async throws -> Value {
    let receiver = try await RecordingReceiver.start()
    do {
        let value = try await body(receiver)
        await receiver.stop()
        return value
    } catch {
        await receiver.stop()
        throw error
    }
}
