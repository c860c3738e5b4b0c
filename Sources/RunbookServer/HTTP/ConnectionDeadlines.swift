/// When a connection must have sent what it owes, as a pure state machine: the handlers feed it events and
/// schedule or cancel the one timer it asks for.
///
/// A connection waits for a request (`idleTimeout`), reads its headers from the first byte (`headerTimeout`),
/// reads its body (`bodyTimeout`), then has no deadline while the server answers. Answering the last request
/// in progress starts the idle wait again.
struct ConnectionDeadlines<Instant: InstantProtocol<Duration>>: Sendable {
    /// What the connection is doing, which names the limit a timeout broke.
    enum Phase: String, Sendable, Equatable {
        case idle
        case readingHead = "headers"
        case readingBody = "body"
        case responding
    }

    /// What the handler must do with its timer.
    enum Action: Sendable, Equatable {
        case schedule(Instant)
        case cancel
        case none
    }

    let limits: ServerLimits
    private(set) var phase = Phase.idle
    /// Whether the request whose body is being read was already answered (a 401 before its body, say).
    private(set) var answeredEarly = false
    private var requestsInProgress = 0

    init(limits: ServerLimits) {
        self.limits = limits
    }

    /// The connection opened: it has `idleTimeout` to start a request.
    func opened(at now: Instant) -> Action {
        .schedule(now.advanced(by: limits.idleTimeout))
    }

    /// Bytes arrived; the first byte of a request starts its header deadline.
    mutating func bytesArrived(at now: Instant) -> Action {
        guard phase == .idle else { return .none }
        phase = .readingHead
        return .schedule(now.advanced(by: limits.headerTimeout))
    }

    /// Whether a timeout now deserves a 408 before the connection closes: a request is being read and has not
    /// been answered (a second response after an early one would confuse the client).
    var answersTimeout: Bool {
        phase == .readingHead || (phase == .readingBody && !answeredEarly)
    }

    /// A request's headers were parsed; its body is due within `bodyTimeout`.
    mutating func headReceived(at now: Instant) -> Action {
        requestsInProgress += 1
        phase = .readingBody
        answeredEarly = false
        return .schedule(now.advanced(by: limits.bodyTimeout))
    }

    /// The request's body ended; the server answers without a deadline.
    mutating func bodyEnded() -> Action {
        guard phase == .readingBody else { return .none }
        phase = .responding
        return .cancel
    }

    /// A response ended; once no request is in progress the connection is idle again.
    mutating func responseEnded(at now: Instant) -> Action {
        requestsInProgress = max(0, requestsInProgress - 1)
        if phase == .readingBody {
            answeredEarly = true
        }
        guard requestsInProgress == 0, phase == .responding else { return .none }
        phase = .idle
        return .schedule(now.advanced(by: limits.idleTimeout))
    }
}
