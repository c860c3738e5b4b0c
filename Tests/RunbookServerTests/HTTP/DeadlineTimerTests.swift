import Testing

@testable import RunbookServer

struct DeadlineTimerTests {
    typealias Timer = DeadlineTimer<ContinuousClock.Instant>
    static let start = ContinuousClock.now

    @Test
    func aLaterDeadlineKeepsTheArmedTimerWhichArmsAgainForTheRest() {
        var timer = Timer(step: .seconds(10))
        let t = Self.start
        #expect(timer.set(t + .seconds(60), now: t) == .arm(t + .seconds(10)))
        #expect(timer.set(t + .seconds(11), now: t + .seconds(1)) == .none)
        #expect(timer.set(t + .seconds(33), now: t + .seconds(3)) == .none)
        let early = timer.fired(at: t + .seconds(10))
        #expect(!early.expired)
        #expect(early.action == .arm(t + .seconds(20)))
        #expect(timer.fired(at: t + .seconds(20)) == (false, .arm(t + .seconds(30))))
        #expect(timer.fired(at: t + .seconds(30)) == (false, .arm(t + .seconds(33))))
        #expect(timer.fired(at: t + .seconds(33)) == (true, .none))
        #expect(timer.deadline == nil)
    }

    @Test
    func aClearedDeadlineLetsTheTimerFireForNothing() {
        var timer = Timer(step: .seconds(10))
        let t = Self.start
        #expect(timer.set(t + .seconds(10), now: t) == .arm(t + .seconds(10)))
        #expect(timer.set(nil, now: t + .seconds(1)) == .none)
        #expect(timer.fired(at: t + .seconds(10)) == (false, .none))
        #expect(timer.set(t + .seconds(70), now: t + .seconds(10)) == .arm(t + .seconds(20)))
    }

    @Test
    func anEarlierDeadlineArmsTheTimerAgain() {
        var timer = Timer(step: .seconds(10))
        let t = Self.start
        #expect(timer.set(t + .seconds(10), now: t) == .arm(t + .seconds(10)))
        #expect(timer.set(t + .seconds(2), now: t + .seconds(1)) == .rearm(t + .seconds(2)))
        timer.disarmed()
        #expect(timer.set(t + .seconds(3), now: t + .seconds(1)) == .arm(t + .seconds(3)))
    }

    @Test
    func requestsOnAKeepAliveConnectionArmNoTimerOfTheirOwn() {
        var deadlines = ConnectionDeadlines<ContinuousClock.Instant>(limits: ConnectionDeadlinesTests.limits())
        var timer = Timer(step: .seconds(10))
        var armed = 0
        var now = Self.start
        func apply(_ action: ConnectionDeadlines<ContinuousClock.Instant>.Action) {
            let result: Timer.Action =
                switch action {
                case .none: .none
                case .cancel: timer.set(nil, now: now)
                case .schedule(let deadline): timer.set(deadline, now: now)
                }
            if result != .none { armed += 1 }
        }
        apply(deadlines.opened(at: now))
        for _ in 0..<1_000 {
            now = now + .milliseconds(1)
            apply(deadlines.bytesArrived(at: now))
            apply(deadlines.headReceived(at: now))
            apply(deadlines.bodyEnded())
            apply(deadlines.responseEnded(at: now))
        }
        #expect(armed == 1)
    }

    /// Against a timer per deadline: random deadlines set at random moments expire at the same instants.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func expiresExactlyWhenATimerPerDeadlineWould(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let limits: [Duration?] = [.seconds(10), .seconds(30), .seconds(60), nil]
        var timer = Timer(step: .seconds(10))
        var armedAt: ContinuousClock.Instant?
        var reference: ContinuousClock.Instant?
        var now = Self.start
        var expiries = (lazy: [ContinuousClock.Instant](), reference: [ContinuousClock.Instant]())
        func take(_ action: Timer.Action) {
            switch action {
            case .none: break
            case .arm(let instant), .rearm(let instant): armedAt = instant
            }
        }
        for _ in 0..<2_000 {
            let next = now + .milliseconds(Int64(random.next() % 90_000))
            // Every firing of the one timer before the next event, in order.
            while let at = armedAt, at <= next {
                armedAt = nil
                let (expired, action) = timer.fired(at: at)
                if expired { expiries.lazy.append(at) }
                take(action)
            }
            if let deadline = reference, deadline <= next {
                expiries.reference.append(deadline)
                reference = nil
            }
            now = next
            let limit = limits[Int(random.next() % UInt64(limits.count))]
            reference = limit.map { now + $0 }
            take(timer.set(reference, now: now))
        }
        #expect(expiries.lazy == expiries.reference)
        #expect(expiries.reference.count > 100)
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
