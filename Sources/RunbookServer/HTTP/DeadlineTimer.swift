/// One timer for a deadline that moves with every request, as a pure state machine: the caller arms the timer it
/// asks for and reports when it fired.
///
/// A keep-alive connection moves its deadline four times per request (`ConnectionDeadlines`); cancelling the event
/// loop's timer and scheduling a new one each time was a visible share of a 1-alert request. Here the timer is armed
/// at most `step` ahead of when it is armed, `step` being the shortest of the limits. Every deadline the connection
/// sets later is at least `step` ahead, so never earlier than the timer already armed: it is left alone, and when it
/// fires before the deadline it is armed again for the rest. A connection's deadline therefore expires exactly when
/// it did with a timer per deadline, at the cost of a wake-up every `step` on a connection that stays quiet.
struct DeadlineTimer<Instant: InstantProtocol<Duration>>: Sendable {
    /// What the caller must do with its one timer.
    enum Action: Sendable, Equatable {
        /// Arm the timer to fire at the instant; no timer is armed.
        case arm(Instant)
        /// Cancel the armed timer, then arm it to fire at the instant.
        case rearm(Instant)
        case none
    }

    /// The longest a timer is armed ahead.
    let step: Duration
    /// When the connection's time runs out; nil when it has no deadline.
    private(set) var deadline: Instant?
    /// When the armed timer fires; nil when none is armed.
    private(set) var armedUntil: Instant?

    init(step: Duration) {
        self.step = step
    }

    /// The deadline is now `deadline` (nil: none); `now` is the time it was set.
    mutating func set(_ deadline: Instant?, now: Instant) -> Action {
        self.deadline = deadline
        guard let deadline else { return .none }
        if let armedUntil, armedUntil <= deadline { return .none }
        let wasArmed = armedUntil != nil
        let fireAt = min(deadline, now.advanced(by: step))
        armedUntil = fireAt
        return wasArmed ? .rearm(fireAt) : .arm(fireAt)
    }

    /// The armed timer fired at `now`: whether the deadline has passed (then it is cleared), and the timer to arm
    /// for the rest when it has not.
    mutating func fired(at now: Instant) -> (expired: Bool, action: Action) {
        armedUntil = nil
        guard let deadline else { return (false, .none) }
        guard now < deadline else {
            self.deadline = nil
            return (true, .none)
        }
        let fireAt = min(deadline, now.advanced(by: step))
        armedUntil = fireAt
        return (false, .arm(fireAt))
    }

    /// No timer is armed after all: it was cancelled, or the connection had none to arm.
    mutating func disarmed() {
        armedUntil = nil
    }
}
