import Foundation

/// What the receiver has recorded and how it is told to answer, behind one lock.
struct ReceiverState: Sendable {
    var requests: [RecordedRequest] = []
    var standing: ReceiverResponse = .ok
    var standingByPath: [String: ReceiverResponse] = [:]
    var onceQueue: [ReceiverResponse] = []
    var onceQueueByPath: [String: [ReceiverResponse]] = [:]
    var hanging: [Int: CheckedContinuation<ReceiverResponse, Never>] = [:]
    var nextHangingID = 0
    var inFlightByPath: [String: Int] = [:]
    var maxInFlightByPath: [String: Int] = [:]
    var slackMessages = 0
    var stopped = false

    /// Records an arriving request and picks its answer: a one-shot for its path, one for every path, the
    /// path's standing answer, then the global one.
    mutating func arrive(_ request: RecordedRequest) -> ReceiverResponse {
        requests.append(request)
        let inFlight = inFlightByPath[request.path, default: 0] + 1
        inFlightByPath[request.path] = inFlight
        maxInFlightByPath[request.path] = max(maxInFlightByPath[request.path, default: 0], inFlight)
        if var queue = onceQueueByPath[request.path], !queue.isEmpty {
            let response = queue.removeFirst()
            onceQueueByPath[request.path] = queue
            return response
        }
        if !onceQueue.isEmpty {
            return onceQueue.removeFirst()
        }
        return standingByPath[request.path] ?? standing
    }

    mutating func leave(path: String) {
        inFlightByPath[path, default: 1] -= 1
    }

    mutating func nextSlackTimestamp() -> String {
        slackMessages += 1
        return "1700000000." + String(format: "%06d", slackMessages)
    }

    /// Takes every hanging request's continuation, for the caller to resume outside the lock.
    mutating func takeHanging() -> [CheckedContinuation<ReceiverResponse, Never>] {
        let taken = Array(hanging.values)
        hanging.removeAll()
        return taken
    }
}
